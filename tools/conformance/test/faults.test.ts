// The same cases against every client: transport faults from a misbehaving local server, bad
// input, and secret echoes. Each case expects the same `error.kind` from every provider and
// counts the requests that reached the server ("nothing was sent" is counted, not assumed).
import { inspect } from "node:util";
import { brotliCompressSync, constants, deflateSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { providers, type AnyResult, type ProviderRow } from "./providers.js";
import type { IncomingMessage, ServerResponse } from "node:http";
import { closedPort, startFaultServer, type Behaviour, type FaultServer } from "./server.js";

let server: FaultServer;
let elsewhere: FaultServer;
beforeAll(async () => {
  [server, elsewhere] = await Promise.all([startFaultServer(), startFaultServer()]);
  // One connection opened before the timed cases: on a loaded machine the first connect alone can outlast a
  // timeout, and then the request never reaches the server the case counts on.
  server.reset((_req, res) => res.end("{}"));
  await (await fetch(server.url)).text();
});
afterAll(async () => {
  await Promise.all([server.close(), elsewhere.close()]);
  const lines = Object.entries(counts).map(([name, n]) => `  ${name.padEnd(15)} ${n.cases} cases, ${n.requests} requests counted`);
  console.log(`conformance (faults, bad input, secrets):\n${lines.join("\n")}`);
});
const counts: Record<string, { cases: number; requests: number }> = Object.fromEntries(providers.map((p) => [p.name, { cases: 0, requests: 0 }]));

/**
 * The requests the server has seen, once it has seen `expected` of them or a moment has passed: the
 * server shares the test's event loop, and Node runs a due timer (a client timeout) before it reads
 * a socket that is ready in the same turn, so a call can end before its request is parsed.
 */
async function receivedWhen(at: FaultServer, expected: number): Promise<FaultServer["received"]> {
  const until = Date.now() + 2_000;
  while (at.received.length < expected && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 10));
  await new Promise((resolve) => setImmediate(resolve));
  return at.received;
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Behaviour => (_req, res) => {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
};
const never: Behaviour = () => undefined;
const BIG = Buffer.alloc(1024 * 1024, 0x61);
/** 50 MB, chunked, written as fast as the client reads it (and no further once it hangs up). */
const fiftyMegabytes = (status: number, contentType: string): Behaviour => (_req, res) => {
  res.writeHead(status, { "content-type": contentType });
  res.on("error", () => undefined);
  let sent = 0;
  const pump = () => {
    while (sent < 50 && !res.destroyed) {
      sent++;
      if (!res.write(BIG)) return void res.once("drain", pump);
    }
    if (!res.destroyed) res.end();
  };
  pump();
};

interface FaultCase {
  readonly name: string;
  readonly behaviour: (p: ProviderRow) => Behaviour;
  readonly kind: string | "data";
  readonly requests: number | ((p: ProviderRow) => number);
  readonly call?: (p: ProviderRow, c: ReturnType<ProviderRow["client"]>) => Promise<AnyResult>;
  readonly options?: Record<string, unknown>;
  readonly extra?: (result: AnyResult, p: ProviderRow) => void;
}

const faults: FaultCase[] = [
  {
    name: "connection reset mid-body",
    behaviour: () => (_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
      res.write('{"status":"PAID","id":');
      setTimeout(() => res.socket?.destroy(), 20);
    },
    kind: "network",
    requests: 1,
  },
  {
    name: "an HTML 502 from a proxy",
    behaviour: () => (_req, res) => {
      res.writeHead(502, { "content-type": "text/html" });
      res.end("<html><body>502 Bad Gateway</body></html>");
    },
    kind: "http",
    requests: 1,
    extra: (r) => expect(r.error).toMatchObject({ httpStatus: 502 }),
  },
  { name: "truncated JSON with a 200", behaviour: () => (_req, res) => res.end('{"status":"PA'), kind: "invalid-response", requests: 1 },
  { name: "an empty 200", behaviour: () => (_req, res) => res.end(), kind: "invalid-response", requests: 1 },
  { name: "a JSON null", behaviour: () => json(200, null), kind: "invalid-response", requests: 1 },
  { name: "a JSON array", behaviour: () => json(200, [1, 2]), kind: "invalid-response", requests: 1 },
  {
    name: "a 50 MB body, chunked",
    behaviour: () => fiftyMegabytes(200, "application/json"),
    kind: "invalid-response",
    requests: 1,
    extra: (r) => expect(r.error).toMatchObject({ reason: "too-large" }),
  },
  {
    name: "a cross-origin 307 is not followed (credentials stay home)",
    behaviour: () => (_req, res) => {
      res.writeHead(307, { location: `${elsewhere.url}/steal` });
      res.end();
    },
    kind: "http",
    requests: 1,
    extra: (r) => {
      expect(r.error).toMatchObject({ httpStatus: 307 });
      expect(elsewhere.received).toHaveLength(0);
    },
  },
  {
    name: "429 with Retry-After as an HTTP date, then success (retried, wait capped)",
    behaviour: (p) => {
      let first = true;
      return (req, res, body) => {
        if (first) {
          first = false;
          res.writeHead(429, { "retry-after": new Date(Date.now() + 60_000).toUTCString() });
          return void res.end("slow down");
        }
        json(200, p.success)(req, res, body);
      };
    },
    kind: "data",
    requests: 2,
    options: { retry: { limit: 2, baseDelayMs: 1, maxRetryAfterMs: 50 } },
  },
  {
    name: "a business decline is never retried",
    behaviour: (p) => json(p.decline.status, p.decline.body),
    kind: "api",
    requests: 1,
    options: { retry: { limit: 3, baseDelayMs: 1 } },
  },
  {
    name: "a write is retried only where the provider honours an idempotency key",
    behaviour: () => (_req, res) => {
      res.writeHead(503, { "content-type": "text/html" });
      res.end("<html>maintenance</html>");
    },
    kind: "http",
    requests: (p) => (p.idempotentWrites ? 3 : 1),
    options: { retry: { limit: 2, baseDelayMs: 1 } },
    call: (p, c) => c.write(p.writeInput),
    extra: (_r, p) => {
      if (p.idempotentWrites) expect(new Set(server.received.map((r) => r.headers["idempotency-key"])).size).toBe(1);
    },
  },
  {
    name: "the caller aborts (once the request has reached the server)",
    behaviour: () => never,
    kind: "aborted",
    requests: 1,
    call: (_p, c) => {
      const controller = new AbortController();
      server.reset(() => controller.abort());
      return c.read({ signal: controller.signal });
    },
  },  // Issue 15: sizes are counted after decoding, and an error stays an error whatever its size.
  ...(["gzip", "br", "deflate"] as const).map((encoding) => ({
    name: `a ${encoding} body that expands past maxResponseBytes (Content-Length declares the compressed size)`,
    behaviour: () => (_req: IncomingMessage, res: ServerResponse) => {
      const body = bomb(encoding);
      res.writeHead(200, { "content-type": "application/json", "content-encoding": encoding, "content-length": String(body.byteLength) });
      res.end(body);
    },
    kind: "invalid-response",
    requests: 1,
    options: { maxResponseBytes: 1024 * 1024 },
    extra: (r: AnyResult) => expect(r.error).toMatchObject({ reason: "too-large" }),
  })),
  {
    name: "a 50 MB HTML 502 is an HTTP error, retried like any 5xx",
    behaviour: () => fiftyMegabytes(502, "text/html"),
    kind: "http",
    requests: 2,
    options: { retry: { limit: 1, baseDelayMs: 1 } },
    extra: (r) => expect(r.error).toMatchObject({ httpStatus: 502 }),
  },
  {
    name: "the client's maxResponseBytes is honoured",
    behaviour: (p) => json(200, withPadding(p.success, 5000)),
    kind: "invalid-response",
    requests: 1,
    options: { maxResponseBytes: 4096 },
    extra: (r) => expect(r.error).toMatchObject({ reason: "too-large" }),
  },
  {
    name: "`retry: true` retries a 503 read exactly twice",
    behaviour: () => (_req, res) => (res.writeHead(503), res.end("<html>maintenance</html>")),
    kind: "http",
    requests: 3,
    options: { retry: true },
  },
];

/** A body that decodes to 32 MiB of spaces, made once per encoding (about 32 KiB compressed). */
const bombs = new Map<string, Buffer>();
function bomb(encoding: "gzip" | "br" | "deflate"): Buffer {
  let body = bombs.get(encoding);
  if (!body) {
    const plain = Buffer.alloc(32 * 1024 * 1024, 0x20);
    body = encoding === "gzip" ? gzipSync(plain) : encoding === "deflate" ? deflateSync(plain) : brotliCompressSync(plain, { params: { [constants.BROTLI_PARAM_QUALITY]: 1 } });
    bombs.set(encoding, body);
  }
  return body;
}

/** A success body with one extra field of `size` characters (a field a newer server may add). */
const withPadding = (success: unknown, size: number) => ({ ...(success as object), padding: "x".repeat(size) });

/**
 * Cases that wait for a client timeout. Each runs on a server of its own with an open connection, so that they run
 * at the same time (six two-second waits one after another were 12 s of a CI run). Two seconds: the server shares
 * the test's event loop, which a loaded CI machine can stall for a while.
 */
const timed: FaultCase[] = [
  { name: "no answer: a timeout that aborts the request", behaviour: () => never, kind: "timeout", requests: 1, options: { timeoutMs: 2000 } },
  {
    name: "headers, then the body stalls",
    behaviour: () => (_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": "100" });
      res.write('{"status":');
    },
    kind: "timeout",
    requests: 1,
    options: { timeoutMs: 2000 },
  },
];

describe.concurrent("timeouts", () => {
  const cases = providers.flatMap((p) => timed.map((f) => ({ name: `${p.name}: ${f.name}`, p, f })));
  it.each(cases)("$name", async ({ p, f }) => {
    const own = await startFaultServer();
    try {
      own.reset((_req, res) => res.end("{}"));
      await (await fetch(own.url)).text();
      own.reset(f.behaviour(p));
      const result = await p.client({ baseUrl: own.url, ...f.options }).read();
      expect(result.error).toBeInstanceOf(Error);
      expect(result.error?.kind).toBe(f.kind);
      expect(result.error).toMatchObject({ provider: p.name });
      expect(result.data).toBeUndefined();
      expect(await receivedWhen(own, 1)).toHaveLength(1);
      counts[p.name]!.cases++;
      counts[p.name]!.requests += own.received.length;
    } finally {
      await own.close();
    }
  });
});

describe.each(providers)("$name", (p) => {
  it.each(faults)("$name", async (f) => {
    server.reset(f.behaviour(p));
    elsewhere.reset(never);
    const client = p.client({ baseUrl: server.url, ...f.options });
    const result = await (f.call ? f.call(p, client) : client.read());
    if (f.kind === "data") {
      expect(result.error).toBeUndefined();
      expect(result.data).toBeDefined();
    } else {
      expect(result.error).toBeInstanceOf(Error);
      expect(result.error?.kind).toBe(f.kind);
      expect(result.error).toMatchObject({ provider: p.name });
      expect(result.data).toBeUndefined();
    }
    f.extra?.(result, p);
    const expected = typeof f.requests === "function" ? f.requests(p) : f.requests;
    expect(await receivedWhen(server, expected)).toHaveLength(expected);
    counts[p.name]!.cases++;
    counts[p.name]!.requests += server.received.length;
  });

  it("connection refused is a network error", async () => {
    const client = p.client({ baseUrl: `http://127.0.0.1:${await closedPort()}` });
    const result = await client.read();
    expect(result.error?.kind).toBe("network");
    counts[p.name]!.cases++;
  });
});

/** Bad input: each is a validation error naming a field, and nothing reaches the server. */
interface InputCase {
  readonly name: string;
  readonly run: (p: ProviderRow, c: ReturnType<ProviderRow["client"]>) => Promise<AnyResult> | undefined;
  readonly field?: (p: ProviderRow) => string;
}
const circular = (p: ProviderRow) => {
  const input: Record<string, unknown> = { ...p.writeInput };
  input["self"] = input;
  return input;
};
const inputs: InputCase[] = [
  ...[-1, Number.NaN, 1500.5, 3e9].map((timeoutMs) => ({
    name: `per-call timeoutMs ${timeoutMs}`,
    run: (_p: ProviderRow, c: ReturnType<ProviderRow["client"]>) => c.read({ timeoutMs }),
    field: () => "options.timeoutMs",
  })),
  { name: "CR/LF in a header value", run: (_p, c) => c.read({ headers: { "X-Trace": "a\r\nX-Injected: 1" } }) },
  { name: "a credential header", run: (_p, c) => c.read({ headers: { Authorization: "Bearer someone-else" } }) },
  { name: "NaN where the spec wants a value", run: (p, c) => c.write({ ...p.writeInput, [p.numberField]: Number.NaN }), field: (p) => p.numberField },
  { name: "Infinity where the spec wants a value", run: (p, c) => c.write({ ...p.writeInput, [p.numberField]: Number.POSITIVE_INFINITY }), field: (p) => p.numberField },
  { name: "a BigInt", run: (p, c) => c.write({ ...p.writeInput, [p.numberField]: 10n }), field: (p) => p.numberField },
  { name: "an object that refers to itself", run: (p, c) => c.write(circular(p)) },
  {
    name: "a required field only on the prototype",
    run: (p, c) => {
      const { [p.requiredField]: moved, ...rest } = p.writeInput;
      return c.write(Object.assign(Object.create({ [p.requiredField]: moved }), rest));
    },
    field: (p) => p.requiredField,
  },
  { name: "a credential in the input", run: (p, c) => c.write({ ...p.writeInput, [p.credentialField]: "attacker" }), field: (p) => p.credentialField },
  { name: "input that is not an object", run: (_p, c) => c.readWith("pay-1" as never) },
  {
    name: "a getter that throws",
    run: (p, c) => c.readWith(Object.defineProperty({ ...p.readInput }, "boom", { enumerable: true, get: () => { throw new Error("boom"); } })),
  },
  { name: "a path value of `..`", run: (p, c) => (p.pathField ? c.readWith({ ...p.readInput, [p.pathField]: ".." }) : undefined), field: (p) => p.pathField ?? "" },
  { name: "an empty path value", run: (p, c) => (p.pathField ? c.readWith({ ...p.readInput, [p.pathField]: "" }) : undefined), field: (p) => p.pathField ?? "" },  // Issue 15: per-call headers that would change framing (a wrong Content-Length stalls a write until its timeout) or
  // that fetch refuses after the call started (reported as "network", outcome unknown, although nothing was sent).
  ...["Content-Length", "Transfer-Encoding", "Expect", "Host", "Connection"].map((name) => ({
    name: `a per-call ${name} header`,
    run: (_p: ProviderRow, c: ReturnType<ProviderRow["client"]>) => c.read({ headers: { [name]: "5" } }),
    field: () => `options.headers.${name}`,
  })),
  { name: "a header value beyond ASCII", run: (_p, c) => c.read({ headers: { "X-Customer": "홍길동" } }), field: () => "options.headers.X-Customer" },
];

describe.each(providers)("$name: bad input", (p) => {
  it.each(inputs)("$name", async (input) => {
    server.reset(json(200, p.success));
    const client = p.client({ baseUrl: server.url });
    const pending = input.run(p, client);
    if (pending === undefined) return void expect(p.pathField).toBeUndefined(); // the provider has no path values
    const result = await pending;
    expect(result.error?.kind).toBe("validation");
    expect(result.error).toBeInstanceOf(Error);
    if (input.field) expect(result.error).toMatchObject({ field: input.field(p) });
    expect(await receivedWhen(server, 0)).toHaveLength(0);
    counts[p.name]!.cases++;
  });
});

describe.each(providers)("$name: secrets never leak", (p) => {
  const escaped = (s: string) => [...s].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`).join("");
  const echoes: [string, () => Behaviour][] = [
    ["an HTML 500 echoing the secret", () => (_req, res) => (res.writeHead(500), res.end(`<pre>key=${p.secret}</pre>`))],
    ["an error body echoing the secret", () => json(400, { ...(p.decline.body as object), message: `bad key ${p.secret}`, echo: { nested: p.secret } })],
    ["a JSON-escaped echo", () => (_req, res) => (res.writeHead(400, { "content-type": "application/json" }), res.end(`{"message":"${escaped(p.secret)}","code":"X","type":"X","status_code":"4001"}`))],
    ["a slash-escaped echo", () => (_req, res) => (res.writeHead(500), res.end(JSON.stringify({ m: p.secret }).replace(/-/g, "\\/")))],
    ["a bearer token in a body snippet", () => (_req, res) => (res.writeHead(502), res.end("proxy saw Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl"))],
  ];
  it.each(echoes)("%s", async (_name, behaviour) => {
    server.reset(behaviour());
    const result = await p.client({ baseUrl: server.url }).read();
    expect(result.error).toBeInstanceOf(Error);
    const error = result.error as Error;
    for (const text of [JSON.stringify(error), inspect(error, { depth: 10 }), error.message, String(error.stack)]) {
      expect(text).not.toContain(p.secret);
      expect(text).not.toContain("c2lnbmF0dXJl");
    }
    counts[p.name]!.cases++;
  });

  it("a custom fetch whose error (and its cause) names the secret", async () => {
    const fetch = async () => {
      throw new TypeError("fetch failed", { cause: new Error(`TLS alert for ${p.secret}`) });
    };
    const result = await p.client({ baseUrl: server.url, fetch }).read();
    expect(result.error?.kind).toBe("network");
    expect(inspect(result.error, { depth: 10 })).not.toContain(p.secret);
    counts[p.name]!.cases++;
  });
});

/** Options a client refuses at creation (issue 15): one `PaySpecValidationError` naming the field, and so nothing can be sent. */
describe.each(providers)("$name: options checked at creation", (p) => {
  const cases: [string, Record<string, unknown>, string][] = [
    ["an unknown option (timeoutMS)", { timeoutMS: 5000 }, "options.timeoutMS"],
    ["an unknown retry option (retries: 0)", { retry: { retries: 0 } }, "options.retry.retries"],
    ["a baseUrl with user:password@", { baseUrl: "https://user:hunter2-password@api.example.test" }, "options.baseUrl"],
    ["a baseUrl with CR/LF", { baseUrl: "https://api.example.test\r\nX-Injected: 1" }, "options.baseUrl"],
    ["a baseUrl with a trailing space", { baseUrl: "https://api.example.test " }, "options.baseUrl"],
    ["a secret pasted with its scheme", { [p.secretOption]: `PortOne ${p.secret}` }, `options.${p.secretOption}`],
    ["a secret beyond ASCII", { [p.secretOption]: `${p.secret}한` }, `options.${p.secretOption}`],
    ["a secret too short to redact safely", { [p.secretOption]: "s" }, `options.${p.secretOption}`],
  ];
  it.each(cases)("%s", (_name, options, field) => {
    let thrown: unknown;
    try {
      p.untyped({ baseUrl: server.url, ...options });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ kind: "validation", field });
    expect(String((thrown as Error).message)).not.toContain("hunter2");
    expect(String((thrown as Error).message)).not.toContain(p.secret);
    counts[p.name]!.cases++;
  });
});

/** Card data, personal numbers and billing keys the client sent never come back in an error, even when the provider echoes the request. */
describe.each(providers.filter((p) => p.personal))("$name: personal data never leaks", (p) => {
  it.each(p.personal!.calls.map((call, i) => [i, call] as const))("call %i, echoed in the error body and message", async (_i, call) => {
    server.reset((req, res, body) => {
      res.writeHead(p.decline.status === 200 ? 200 : 400, { "content-type": "application/json" });
      res.end(JSON.stringify({ ...(p.decline.body as object), message: `rejected ${req.url} ${body}`, request: body ? JSON.parse(body) : null }));
    });
    const result = await call(p.untyped({ baseUrl: server.url }));
    expect(result.error?.kind).toBe("api");
    expect(await receivedWhen(server, 1)).toHaveLength(1);
    const error = result.error as Error;
    for (const text of [JSON.stringify(error), inspect(error, { depth: 10 }), error.message, String(error.stack)]) {
      for (const value of p.personal!.values) expect(text).not.toContain(value);
    }
    counts[p.name]!.cases++;
    counts[p.name]!.requests += 1;
  });
});
