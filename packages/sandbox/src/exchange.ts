// One request and what the sandbox does with it, independent of how it arrived: over a socket (the server) or
// in process (the fetch). The two adapters in transport.ts turn an `Outcome` into bytes, a reset or silence.

/** A request as the sandbox sees it: the body is read whole, as text (PortOne's SDK sends JSON as text/plain). */
export interface Exchange {
  readonly method: string;
  readonly url: URL;
  readonly headers: Headers;
  readonly text: string;
}

export interface Reply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** An answer, a connection dropped without one, or no answer at all (until the client gives up). */
export type Outcome = { readonly kind: "reply"; readonly reply: Reply } | { readonly kind: "reset" } | { readonly kind: "stall" };

/**
 * Handles one exchange. `closing` aborts when the sandbox closes, so that waits (injected latency) end with it.
 */
export type Handler = (exchange: Exchange, closing: AbortSignal) => Promise<Outcome>;

export const reply = (status: number, body: string, headers: Record<string, string> = {}): Outcome => ({ kind: "reply", reply: { status, headers, body } });

/** A JSON answer. */
export const json = (status: number, value: unknown, headers: Record<string, string> = {}): Outcome =>
  reply(status, JSON.stringify(value), { "content-type": "application/json; charset=utf-8", ...headers });

/**
 * The sandbox's own answers (unknown path, a control call that cannot be done, a fault header it cannot read) are
 * `application/problem+json`, as `pnpm mock`'s are: every payspec client reports them as `http` errors, never as a
 * provider's business error.
 */
export const problem = (status: number, title: string, detail: string, extra: Record<string, unknown> = {}): Outcome =>
  reply(status, JSON.stringify({ type: "about:blank", title, status, detail, ...extra }), { "content-type": "application/problem+json; charset=utf-8" });

/** Resolves after `ms`, or when `signal` aborts (then with `false`). */
export function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve(true);
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
