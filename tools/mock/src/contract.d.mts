export declare class ContractViolation extends Error {}
export declare function strictFetch(options?: {
  prefer?: string;
  fetch?: typeof globalThis.fetch;
}): (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;
