export declare function fakeFetch(respond: (request: Request, index: number, init: RequestInit | undefined) => Response | Promise<Response>): {
  fetch: typeof globalThis.fetch;
  /** Every request received, in order. */
  requests: Request[];
  /** Every request with its JSON body parsed (undefined when empty). */
  sent: { request: Request; body: unknown }[];
  /** The raw arguments of every call. */
  calls: { input: RequestInfo | URL; init: RequestInit | undefined }[];
};
export declare function json(value: unknown, status?: number, headers?: Record<string, string>): Response;
export declare function hangingFetch(): typeof globalThis.fetch;
