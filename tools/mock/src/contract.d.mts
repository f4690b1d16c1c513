export declare class ContractViolation extends Error {}
export declare function strictFetch(options?: {
  prefer?: string;
  fetch?: typeof globalThis.fetch;
}): (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

/** An error's message and its cause's, for an assertion's message. */
export declare function explain(error: unknown): string;
