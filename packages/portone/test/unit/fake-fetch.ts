// A fetch double for unit tests: records requests, answers with what the test scripts.
import { vi } from "vitest";

export function fakeFetch(respond: (request: Request, index: number) => Response | Promise<Response>) {
  const requests: Request[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    requests.push(request);
    return respond(request, requests.length - 1);
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, requests };
}

export const json = (value: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(value), { status, headers: { "content-type": "application/json", ...headers } });
