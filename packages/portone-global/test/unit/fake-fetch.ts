// A fetch double for unit tests: records requests, answers with what the test scripts.
import { vi } from "vitest";

export function fakeFetch(respond: (request: Request) => Response | Promise<Response>) {
  const requests: { request: Request; body: unknown }[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const text = await request.clone().text();
    requests.push({ request, body: text ? JSON.parse(text) : undefined });
    return respond(request);
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, requests, mock: fetch };
}

export const json = (value: unknown, status = 200) =>
  new Response(JSON.stringify(value), { status, headers: { "content-type": "application/json" } });
