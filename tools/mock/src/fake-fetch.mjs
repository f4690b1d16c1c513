// A fetch double for unit tests: records each request (as a WHATWG Request) and answers with
// what the test scripts. Injected through the clients' `fetch` option; no global mocks.
export function fakeFetch(respond) {
  const requests = [];
  const sent = [];
  const calls = [];
  const fetch = async (input, init) => {
    const request = new Request(input, init);
    const text = await request.clone().text();
    requests.push(request);
    sent.push({ request, body: text ? JSON.parse(text) : undefined });
    calls.push({ input, init });
    // `init.signal` is the signal the client handed fetch: a test that waits for an abort listens there (as a real fetch
    // does). The Request's own signal follows it through undici, which on Node 24 under vitest did not always abort.
    return respond(request, requests.length - 1, init);
  };
  return { fetch, requests, sent, calls };
}

/** A JSON response. */
export function json(value, status = 200, headers = {}) {
  return new Response(JSON.stringify(value), { status, headers: { "content-type": "application/json", ...headers } });
}

/** A fetch that never answers and rejects when the request's signal aborts. */
export function hangingFetch() {
  return (input, init) =>
    new Promise((_resolve, reject) => {
      const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
      signal?.addEventListener("abort", () => reject(signal.reason));
    });
}
