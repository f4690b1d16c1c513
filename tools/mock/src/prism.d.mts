export interface PrismServer {
  readonly provider: string;
  /** Base URL, e.g. `http://127.0.0.1:43211`. */
  readonly url: string;
  close(): Promise<void>;
}
export declare const MOCK_PORTS: Readonly<Record<"payssam" | "portone" | "portone-global", number>>;
export declare function startPrism(
  provider: string,
  options?: { port?: number; errors?: boolean; timeoutMs?: number },
): Promise<PrismServer>;
/** A port that is free on 127.0.0.1 right now. */
export declare function freePort(): Promise<number>;
