// The two ways an exchange reaches the sandbox: an HTTP server on a port, and a `fetch` function that calls the
// handler in process. Both turn the outcome into the same thing a client sees: a response, a connection reset
// (fetch rejects with a TypeError, as undici does), or nothing until the client aborts.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { problem, type Exchange, type Handler, type Outcome } from "./exchange.js";

/** Bodies above this are refused (413) before they are read whole: no provider operation takes more. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

export interface Listening {
  readonly url: string;
  close(): Promise<void>;
}

/** A port number from 0 (any free port) to 65535. */
export function isPort(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= 65535;
}

/** Serves `handler` on `host:port` (port 0: a free one). Resolves once the server accepts connections. */
export function listen(handler: Handler, host: string, port: number, closing: AbortSignal): Promise<Listening> {
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    void serve(req, res);
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });

  async function serve(req: IncomingMessage, res: ServerResponse) {
    let outcome: Outcome;
    try {
      const text = await readBody(req);
      if (text === null) {
        outcome = problem(413, "Payload Too Large", `the sandbox reads bodies up to ${MAX_BODY_BYTES} bytes`);
      } else {
        const origin = `http://${req.headers.host ?? `${host}:${port}`}`;
        const headers = new Headers();
        for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
        outcome = await handler({ method: req.method ?? "GET", url: new URL(req.url ?? "/", origin), headers, text }, closing);
      }
    } catch (error) {
      outcome = problem(500, "Sandbox error", error instanceof Error ? error.message : String(error));
    }
    if (outcome.kind === "reset") {
      // Drop the connection without a byte of answer: the client sees a reset ("socket hang up").
      req.socket.destroy();
      return;
    }
    // A stall keeps the socket open; close() destroys it.
    if (outcome.kind === "stall") return;
    const { status, headers, body } = outcome.reply;
    res.writeHead(status, { ...headers, "content-length": Buffer.byteLength(body) });
    res.end(body);
  }

  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      const address = server.address() as AddressInfo;
      const shownHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
      resolve({
        url: `http://${shownHost}:${address.port}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            // Stalled requests and idle keep-alive connections would hold close() open.
            for (const socket of sockets) socket.destroy();
          }),
      });
    });
  });
}

/** The body as text, or `null` when it is larger than the sandbox reads. */
function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on("end", () => resolve(tooLarge ? null : Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** What undici's fetch rejects with when the server drops the connection. */
function connectionReset(): TypeError {
  const cause = Object.assign(new Error("other side closed (the sandbox dropped the connection)"), { code: "UND_ERR_SOCKET" });
  return new TypeError("fetch failed", { cause });
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException("This operation was aborted", "AbortError");
}

/**
 * A `fetch` that hands the request to `handler` in this process: any host in the URL reaches the sandbox. Usable as
 * a client's `fetch` option, or as the global fetch for code that has no such option (PortOne's server SDK).
 */
export function inProcessFetch(handler: Handler, closing: AbortSignal): typeof globalThis.fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const signal = request.signal;
    if (signal.aborted) throw abortReason(signal);
    const text = request.method === "GET" || request.method === "HEAD" ? "" : await request.text();
    const exchange: Exchange = { method: request.method, url: new URL(request.url), headers: request.headers, text };
    // The provider goes on with a request whose client has gone (as a server would); only the caller stops waiting.
    const outcome = handler(exchange, closing).catch((error: unknown) =>
      problem(500, "Sandbox error", error instanceof Error ? error.message : String(error)),
    );
    const aborted = new Promise<never>((_, reject) => {
      if (signal.aborted) reject(abortReason(signal));
      signal.addEventListener("abort", () => reject(abortReason(signal)), { once: true });
    });
    // Rejected after the answer came (a late abort): nobody waits for it any more.
    aborted.catch(() => {});
    const settled = await Promise.race([outcome, aborted]);
    if (settled.kind === "reset") throw connectionReset();
    if (settled.kind === "stall") return Promise.race([aborted, closedWhileStalled(closing)]);
    const { status, headers, body } = settled.reply;
    return new Response(body, { status, headers });
  };
}

/** A stalled in-process request fails like a dropped connection when the sandbox closes. */
function closedWhileStalled(closing: AbortSignal): Promise<never> {
  const closed = new Promise<never>((_, reject) => {
    if (closing.aborted) reject(connectionReset());
    closing.addEventListener("abort", () => reject(connectionReset()), { once: true });
  });
  closed.catch(() => {});
  return closed;
}
