// How the mock runs Prism (dev-mock.mjs): faker loaded only when something asks for it, Prism's router given only the
// operations that can match a request (which must not change what it picks), and the hop to Prism's server (its
// connections, their idle limit, the resend).
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { bundleSpec } from "@payspec/codegen/bundle";
import { PRISM_IDLE_MS, deferFaker, forward, narrowedRouter, prism, prismAgent } from "../src/dev-mock.mjs";

const require = createRequire(import.meta.url);
/** A require from Prism's http package, which resolves its dependencies (faker) as Prism does. */
const prismHttp = createRequire(createRequire(require.resolve("@stoplight/prism-cli/package.json")).resolve("@stoplight/prism-http"));

describe("faker, deferred", () => {
  it("is not loaded with Prism", () => {
    const main = prismHttp.resolve("@faker-js/faker");
    const root = main.slice(0, main.lastIndexOf("/@faker-js/faker/") + "/@faker-js/faker/".length);
    prism();
    expect(Object.keys(require.cache).filter((path) => path.startsWith(root) && path !== main)).toEqual([]);
    expect(require.cache[main]?.loaded).toBe(true);
  });

  it("loads the real module on first use and then behaves as it does", () => {
    // A module in faker's shape (`default` and `faker` are the instance), behind a require of its own.
    const path = `/virtual/faker-${Math.random()}.js`;
    let loads = 0;
    const instance = { seed: 0, name: { firstName: () => "Aleen" }, setSeed(n) { this.seed = n; } };
    const fakeRequire = Object.assign(() => (loads++, { default: instance, faker: instance, Faker: class {} }), { resolve: () => path });

    expect(deferFaker(fakeRequire)).toBe(path);
    const standIn = require.cache[path].exports;
    const registered = standIn.default; // what Prism's generator keeps: `() => faker_1.default`
    expect(loads).toBe(0);
    expect(registered.name.firstName()).toBe("Aleen");
    registered.setSeed(7);
    expect(instance.seed).toBe(7);
    expect(Object.keys(standIn.faker)).toEqual(Object.keys(instance));
    expect("Faker" in standIn).toBe(true);
    expect(loads).toBe(1);
    delete require.cache[path];
  });
});

/** A spec's operations as Prism's router sees them (method, path; no servers asked for). */
async function operationsOf(provider) {
  const doc = await bundleSpec(provider);
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    ["get", "put", "post", "delete", "patch"].filter((method) => item[method]).map((method) => ({ id: `${method} ${path}`, method, path, servers: [] })),
  );
}

/** What a router decided: the operation it picked, or the error it answered with. */
const decision = (result) => (result._tag === "Right" ? result.right.id : `error ${result.left.status} ${result.left.name}`);

/**
 * Requests for every operation of a spec: its path with its parameters set to each literal segment that another
 * operation it could collide with has in those places (so that templated and literal operations compete, as
 * `/partners/{id}/archive` and `/partners/connect/{id}` do), and to a plain, an encoded and an empty value; asked with
 * its own method, and with another one once (405). Plus paths of no operation.
 */
function requests(operations) {
  const methods = [...new Set(operations.map((o) => o.method))];
  const segmentsOf = (path) => path.split("/").slice(1);
  const out = [];
  const ask = (method, path) => out.push({ method, url: { path, query: {} }, headers: {}, body: null });
  for (const operation of operations) {
    const segments = segmentsOf(operation.path);
    // Paths that a request for this one could also match: as many segments, the same literal ones where both have one.
    const literal = (segment) => !segment.includes("{");
    const rivals = operations
      .map((o) => segmentsOf(o.path))
      .filter((s) => s.length === segments.length && s.every((segment, i) => !literal(segment) || !literal(segments[i]) || segment === segments[i]));
    const competing = segments.flatMap((segment, i) => (literal(segment) ? [] : rivals.map((s) => s[i]).filter(literal)));
    const fill = (value) => operation.path.replace(/\{[^}]+\}/g, value);
    for (const value of new Set([...competing, "p-1", "a%2Fb", ""])) ask(operation.method, fill(value));
    ask(methods.find((m) => m !== operation.method) ?? "options", fill("p-1"));
  }
  for (const path of ["/", "/nothing/here", "//", `${operations[0].path}/extra`, `${operations[0].path}/`]) ask("get", path);
  return out;
}

const { matchPath } = prismHttp("./router/matchPath.js");
/** The operations Prism's own path match accepts for a request. */
const prismMatches = (operations, input) => operations.filter((o) => matchPath(input.url.path, o.path).right !== "no-match");
/** The operations the narrowed router hands to Prism's router (it records what it passes on). */
function candidatesOf(operations, input) {
  let passed;
  narrowedRouter(({ resources }) => ((passed = resources), { _tag: "Left", left: {} }))({ resources: operations, input });
  return passed;
}

describe.each(["payssam", "portone", "portone-global"])("%s: the narrowed router", (provider) => {
  it("hands Prism every operation its path match accepts, in order, and Prism then picks the same one", async () => {
    const { route } = prism();
    const operations = await operationsOf(provider);
    const narrowed = narrowedRouter(route);
    const asked = requests(operations);
    const dropped = [];
    const ambiguous = [];
    let methodMisses = 0;
    for (const input of asked) {
      const matches = prismMatches(operations, input);
      const candidates = candidatesOf(operations, input);
      const missing = matches.filter((o) => !candidates.includes(o));
      const inOrder = candidates.filter((o) => matches.includes(o));
      if (missing.length > 0 || inOrder.some((o, i) => o !== matches[i])) dropped.push(`${input.method} ${input.url.path}: ${missing.map((o) => o.id)}`);
      if (new Set(matches.map((o) => o.path)).size !== 1) ambiguous.push(input);
      else if (!matches.some((o) => o.method === input.method) && methodMisses++ % 5 === 0) ambiguous.push(input);
    }
    expect(dropped).toEqual([]);
    // Where paths collide (or none matches, or some of the 405s), Prism's choice itself, routed both ways.
    const differing = ambiguous
      .map((input) => ({ input, full: decision(route({ resources: operations, input })), narrow: decision(narrowed({ resources: operations, input })) }))
      .filter((r) => r.full !== r.narrow)
      .map((r) => `${r.input.method} ${r.input.url.path}: ${r.full} / ${r.narrow}`);
    expect(differing).toEqual([]);
    expect(asked.length).toBeGreaterThan(operations.length);
    expect(ambiguous.length).toBeGreaterThan(0);
  });
});

it("the check can fail: a narrowing that drops the templated operation when a literal one matches", async () => {
  const operations = await operationsOf("portone");
  const literalFirst = (input) => {
    const candidates = candidatesOf(operations, input);
    const literal = candidates.filter((o) => !o.path.includes("{") && o.path === input.url.path);
    return literal.length > 0 ? literal : candidates;
  };
  const drops = (input) => prismMatches(operations, input).some((o) => !literalFirst(input).includes(o));
  expect(requests(operations).some(drops)).toBe(true);
});

describe("the hop to Prism's server", () => {
  /** A server that answers each connection's first request and resets the connection at its `resetAt`-th one. */
  async function server(resetAt) {
    let connections = 0;
    const tcp = createServer((socket) => {
      const id = ++connections;
      let requests = 0;
      socket.on("data", (chunk) => {
        for (const _ of chunk.toString().matchAll(/\r\n\r\n/g)) {
          requests++;
          if (requests === resetAt) socket.resetAndDestroy();
          // The body names the connection and the request on it: "21" is the first request on the second connection.
          else socket.write(`HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: keep-alive\r\n\r\n${id}${requests}`);
        }
      });
    });
    await new Promise((resolve) => tcp.listen(0, "127.0.0.1", resolve));
    return { url: new URL(`http://127.0.0.1:${tcp.address().port}`), connections: () => connections, close: () => tcp.close() };
  }

  /**
   * A server that, like Prism's, closes a kept-alive connection idle for more than `idleMs`, but decides when the
   * next request arrives on it: what Prism's idle timer does when a stalled event loop runs it before it reads that
   * request. Such requests are counted as `dropped` and the connection closed unanswered ("socket hang up").
   */
  async function idleServer(idleMs) {
    let connections = 0;
    let dropped = 0;
    const tcp = createServer((socket) => {
      const id = ++connections;
      let requests = 0;
      let answeredAt;
      socket.on("data", (chunk) => {
        for (const _ of chunk.toString().matchAll(/\r\n\r\n/g)) {
          if (answeredAt !== undefined && Date.now() - answeredAt > idleMs) {
            dropped++;
            socket.destroy();
            return;
          }
          requests++;
          socket.write(`HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: keep-alive\r\n\r\n${id}${requests}`);
          answeredAt = Date.now();
        }
      });
    });
    await new Promise((resolve) => tcp.listen(0, "127.0.0.1", resolve));
    return { url: new URL(`http://127.0.0.1:${tcp.address().port}`), dropped: () => dropped, close: () => tcp.close() };
  }

  /** Blocks this process for `ms`: no timer and no socket is served meanwhile, as in a stalled, loaded process. */
  function stall(ms) {
    const until = Date.now() + ms;
    while (Date.now() < until);
  }

  const get = (url, agent) => forward(url, { method: "GET", path: "/", headers: {}, body: undefined }, agent);

  // The load flake `Prism rejected GET /payments/… (502) socket hang up`: after a stall, the front reused pooled
  // connections that Prism's idle timer was about to close, and its one resend took another such connection.
  it("never reuses a connection idle for longer than its limit, even when a stall kept the timers from running", async () => {
    const prismLike = await idleServer(150);
    const agent = prismAgent({ maxIdleMs: 50 });
    try {
      // Two pooled connections, then a stall longer than the server keeps them.
      expect((await Promise.all([get(prismLike.url, agent), get(prismLike.url, agent)])).map((r) => r.body.toString()).sort()).toEqual(["11", "21"]);
      stall(300);
      expect((await get(prismLike.url, agent)).body.toString()).toBe("31");
      expect(prismLike.dropped()).toBe(0);
    } finally {
      agent.destroy();
      prismLike.close();
    }
  });

  it("reuses a connection within its limit", async () => {
    const prismLike = await idleServer(60_000);
    const agent = prismAgent({ maxIdleMs: 60_000 });
    try {
      expect((await get(prismLike.url, agent)).body.toString()).toBe("11");
      expect((await get(prismLike.url, agent)).body.toString()).toBe("12");
    } finally {
      agent.destroy();
      prismLike.close();
    }
  });

  it("waits for an answer slower than the idle limit (a loaded Prism takes seconds)", async () => {
    const tcp = createServer((socket) =>
      socket.once("data", () => setTimeout(() => socket.write("HTTP/1.1 200 OK\r\ncontent-length: 4\r\n\r\nslow"), 300)),
    );
    await new Promise((resolve) => tcp.listen(0, "127.0.0.1", resolve));
    const agent = prismAgent({ maxIdleMs: 50 });
    try {
      expect((await get(new URL(`http://127.0.0.1:${tcp.address().port}`), agent)).body.toString()).toBe("slow");
    } finally {
      agent.destroy();
      tcp.close();
    }
  });

  it("keeps connections to Prism for at most half the time Prism's own server keeps them", async () => {
    const { getHttpOperationsFromSpec, createPrismServer, createLogger } = prism();
    const spec = {
      openapi: "3.1.0",
      info: { title: "one operation", version: "1" },
      paths: { "/ping": { get: { responses: { 200: { description: "ok", content: { "application/json": { example: { ok: true } } } } } } } },
    };
    const server = createPrismServer(await getHttpOperationsFromSpec(spec), {
      cors: false,
      components: { logger: createLogger("hop", { enabled: false }) },
      config: { checkSecurity: true, validateRequest: true, validateResponse: true, errors: true, mock: { dynamic: false }, isProxy: false },
    });
    const agent = prismAgent();
    try {
      const url = new URL(await server.listen(0, "127.0.0.1"));
      const answer = await forward(url, { method: "GET", path: "/ping", headers: {}, body: undefined }, agent);
      expect(answer.status).toBe(200);
      // Node's server announces its keepAliveTimeout (whole seconds) to a kept-alive client.
      const seconds = Number(/timeout=(\d+)/.exec(answer.headers["keep-alive"] ?? "")?.[1]);
      expect(seconds).toBeGreaterThan(0);
      expect(PRISM_IDLE_MS).toBeLessThanOrEqual((seconds * 1000) / 2);
    } finally {
      agent.destroy();
      await server.close();
    }
  });

  it("sends a request again on a new connection when a kept-alive one is reset as it is reused", async () => {
    const prismLike = await server(2);
    const agent = prismAgent({ maxIdleMs: 60_000 });
    try {
      expect((await get(prismLike.url, agent)).body.toString()).toBe("11");
      // The second request goes out on the kept-alive connection, which is reset: sent again on a second one.
      expect((await get(prismLike.url, agent)).body.toString()).toBe("21");
      expect(prismLike.connections()).toBe(2);
    } finally {
      agent.destroy();
      prismLike.close();
    }
  });

  it("sends it again on a connection of its own, not on another pooled one", async () => {
    const prismLike = await server(2);
    const agent = prismAgent({ maxIdleMs: 60_000 });
    try {
      expect((await Promise.all([get(prismLike.url, agent), get(prismLike.url, agent)])).map((r) => r.body.toString()).sort()).toEqual(["11", "21"]);
      // Reused and reset; the other pooled connection would be reset too (its second request): a third one answers.
      expect((await get(prismLike.url, agent)).body.toString()).toBe("31");
      expect(prismLike.connections()).toBe(3);
    } finally {
      agent.destroy();
      prismLike.close();
    }
  });

  it("does not send again when a fresh connection fails", async () => {
    const prismLike = await server(1);
    const agent = prismAgent();
    try {
      await expect(get(prismLike.url, agent)).rejects.toMatchObject({ code: "ECONNRESET" });
      expect(prismLike.connections()).toBe(1);
    } finally {
      agent.destroy();
      prismLike.close();
    }
  });
});
