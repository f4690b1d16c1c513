export interface MockServer {
  readonly provider: string;
  /** Base URL, e.g. `http://127.0.0.1:43211`. */
  readonly url: string;
  close(): Promise<void>;
}
export declare function startMock(provider: string, options?: { port?: number }): Promise<MockServer>;
/** A port that is free on 127.0.0.1 right now. */
export declare function freePort(): Promise<number>;
