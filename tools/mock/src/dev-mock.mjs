// The mock of one spec for app developers (`pnpm mock`): Prism's HTTP server running inside this
// process (no child processes, so nothing can outlive it) behind a small front server that
//  - binds the public port first, so a busy port fails at once with a message naming it;
//  - turns `Prefer: example=NAME` (or `?__example=NAME`) into `code=STATUS, example=NAME`, since
//    Prism alone looks for a bare example name only among the 200 examples;
//  - answers a request that violates the spec with 422 application/problem+json listing the
//    violations. Prism serves the operation's own documented 400 (a plausible business error) in
//    that case and hides the reason in an `sl-violations` header, with or without `--errors`;
//  - makes every answer of its own, and Prism's answers about a body it could not read (micri's
//    `400 {"error":…}`), application/problem+json: a client never mistakes the mock for the API.
import { Agent, STATUS_CODES, createServer, request as httpRequest } from "node:http";
import { Module, createRequire } from "node:module";
import { bundleSpec } from "@payspec/codegen/bundle";
import { operationExamples, operationRouter } from "./examples.mjs";

// Prism's own packages, resolved from @stoplight/prism-cli so that this server runs exactly the
// versions `prism mock` runs. Loaded once the public port is bound: a busy port fails without
// loading Prism (2 CPU-s).
const require = createRequire(import.meta.url);
let prismModules;
export function prism() {
  if (!prismModules) {
    const prismRequire = createRequire(require.resolve("@stoplight/prism-cli/package.json"));
    deferFaker(createRequire(prismRequire.resolve("@stoplight/prism-http")));
    prismModules = {
      getHttpOperationsFromSpec: prismRequire("@stoplight/prism-http").getHttpOperationsFromSpec,
      createPrismServer: prismRequire("@stoplight/prism-http-server").createServer,
      createLogger: prismRequire("@stoplight/prism-core").createLogger,
      // Prism's own router (not exported by name; createInstance takes it as a component).
      route: prismRequire("@stoplight/prism-http/dist/router").default,
      // The media-type test Prism's server applies before it parses a body as JSON.
      typeIs: createRequire(prismRequire.resolve("@stoplight/prism-http-server"))("type-is"),
    };
  }
  return prismModules;
}

/**
 * Prism's response generator requires @faker-js/faker at load time (every locale: 1 CPU-s per mock start) for
 * dynamic responses, which this mock never makes (`dynamic: false`: examples only). Until Prism loads it, the module
 * registered under faker's path is a stand-in whose exports (and their `default`/`faker`) load the real faker on
 * first use and then behave as it does: nothing changes if Prism ever uses it. Returns the path it stands in for.
 */
export function deferFaker(prismHttpRequire) {
  const path = prismHttpRequire.resolve("@faker-js/faker");
  if (require.cache[path]) return path;
  let real;
  const load = () => {
    if (!real) {
      delete require.cache[path];
      real = prismHttpRequire(path);
    }
    return real;
  };
  const standIn = new Module(path);
  standIn.filename = path;
  standIn.loaded = true;
  const inner = { default: later(() => load().default), faker: later(() => load().faker) };
  standIn.exports = later(load, (key) => (key === "default" || key === "faker" ? inner[key] : undefined));
  require.cache[path] = standIn;
  return path;
}

/**
 * Prism's router, handed only the operations whose path could match the request. Prism scores and sorts every
 * operation of the spec on each request (2.4 of the PortOne mock's 20 CPU-s in a contract run). The filter keeps
 * every operation Prism's own path match could accept (its literal segments compared as Prism compares them, a
 * templated segment accepting anything), in their order, so Prism picks the same one; with no candidate left, or a
 * request that names a server (`__server`), Prism gets all of them and answers as it always does (404, 405).
 */
export function narrowedRouter(route) {
  const templates = new WeakMap();
  const segmentsOf = (operation) => {
    let segments = templates.get(operation);
    if (!segments) {
      segments = operation.path.split("/").slice(1).map((s) => (/{(.+)}/.test(s) ? null : decodeSegment(s)));
      templates.set(operation, segments);
    }
    return segments;
  };
  return ({ resources, input }) => {
    const { path, baseUrl } = input.url;
    if (baseUrl || typeof path !== "string" || !path.startsWith("/")) return route({ resources, input });
    const asked = path.split("/").slice(1).map(decodeSegment);
    const candidates = resources.filter((operation) => {
      const segments = segmentsOf(operation);
      return segments.length === asked.length && segments.every((segment, i) => segment === null || segment === asked[i]);
    });
    return route({ resources: candidates.length > 0 ? candidates : resources, input });
  };
}

function decodeSegment(segment) {
  try {
    return segment && decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** An object that is `target()` for every operation, `target()` being called at the first one. */
function later(target, placeholder = () => undefined) {
  return new Proxy(Object.create(null), {
    get: (_, key) => placeholder(key) ?? Reflect.get(target(), key),
    set: (_, key, value) => Reflect.set(target(), key, value),
    has: (_, key) => Reflect.has(target(), key),
    deleteProperty: (_, key) => Reflect.deleteProperty(target(), key),
    ownKeys: () => Reflect.ownKeys(target()),
    getOwnPropertyDescriptor: (_, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(target(), key);
      return descriptor && { ...descriptor, configurable: true };
    },
    getPrototypeOf: () => Reflect.getPrototypeOf(target()),
  });
}

/** Default ports of `pnpm mock`. */
export const DEFAULT_PORTS = { payssam: 4010, portone: 4011, "portone-global": 4012 };

/**
 * Problem `type`s of the answers this server makes itself: Prism's own URIs for a request that breaks the spec and
 * for an unknown example (tools that know Prism recognise them); `about:blank` (RFC 9457: the title is the HTTP
 * status phrase) where the status says it all. The table in the README lists every answer.
 */
export const PROBLEM_TYPES = {
  invalidRequest: "https://stoplight.io/prism/errors#UNPROCESSABLE_ENTITY",
  unknownExample: "https://stoplight.io/prism/errors#NOT_FOUND",
  status: "about:blank",
};

/** A port that could not be bound, with the reason in words. */
export class PortError extends Error {
  constructor(provider, host, port, cause) {
    const reason =
      cause.code === "EADDRINUSE"
        ? "is already in use by another program (is another `pnpm mock` still running?)"
        : cause.code === "EACCES"
          ? "needs privileges this process does not have (ports below 1024 are reserved)"
          : `cannot be used (${cause.code ?? cause.message})`;
    super(`${provider}: port ${port} on ${host} ${reason}`, { cause });
    this.name = "PortError";
    this.provider = provider;
    this.port = port;
    this.code = cause.code;
  }
}

function listen(server, port, host) {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.removeListener("error", reject);
      resolve(server.address().port);
    });
  });
}

function parsePrefer(value) {
  const entries = new Map();
  for (const part of (value ?? "").split(",")) {
    const [key, ...rest] = part.split("=");
    if (key.trim()) entries.set(key.trim(), rest.join("=").trim());
  }
  return entries;
}

function problem(status, type, title, detail, extra = {}) {
  const body = Buffer.from(JSON.stringify({ type, title, status, detail, ...extra }));
  const headers = { "content-type": "application/problem+json", "content-length": String(body.length), "access-control-allow-origin": "*" };
  return { status, headers, body };
}

/** A problem whose type is `about:blank`: its title is the status phrase. */
const statusProblem = (status, detail) => problem(status, PROBLEM_TYPES.status, STATUS_CODES[status] ?? "Error", detail);

/** The 422 for a request that breaks the spec; `violations` in Prism's shape (`location`, `severity`, `code`, `message`). */
function invalidRequest(operation, violations) {
  const details = violations.map(describeViolation).join("; ");
  return problem(422, PROBLEM_TYPES.invalidRequest, "Invalid request",
    `The request does not match the spec${operation ? ` of ${operation.operationId}` : ""}: ${details}`, { validation: violations });
}

/**
 * Why a request body that Prism's server would parse as JSON is not JSON, or undefined when it is (or is not
 * parsed as JSON, or is in a charset this check cannot decode: Prism then answers, and `prismBodyError` wraps it).
 * Prism's server (micri) answers such a body with `400 {"error":{"code":"invalid_json"}}`, before any validation.
 */
function malformedJson(req, body) {
  const { typeIs } = prism();
  const length = req.headers["content-length"];
  if (length === "0" || (req.headers["transfer-encoding"] === undefined && length === undefined)) return undefined;
  if (!typeIs(req, ["application/json", "application/*+json"])) return undefined;
  let text;
  try {
    const charset = /;\s*charset="?([^";\s]+)/i.exec(req.headers["content-type"] ?? "")?.[1];
    // Prism keeps a byte-order mark, which JSON.parse then refuses: so does this.
    text = new TextDecoder(charset ?? "utf-8", { ignoreBOM: true }).decode(body);
  } catch {
    return undefined;
  }
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    return error.message;
  }
}

/**
 * Prism's server answering by itself about a body it could not read (micri's error handler: invalid JSON, a body
 * over 10 MB, an unknown charset), as `{ status, code, message }`; undefined for any other answer. Recognised by the
 * media type micri gives it: Prism serves a spec's responses with the spec's media type (`application/json`) and its
 * own errors as `application/problem+json`, never `application/json; charset=utf-8` or `text/plain; charset=utf-8`.
 */
function prismBodyError(upstream) {
  const type = upstream.headers["content-type"];
  if (upstream.status < 400 || upstream.headers["sl-violations"]) return undefined;
  if (type === "text/plain; charset=utf-8") return { status: upstream.status, code: undefined, message: upstream.body.toString() };
  if (type !== "application/json; charset=utf-8") return undefined;
  try {
    const { error } = JSON.parse(upstream.body.toString());
    if (typeof error?.code === "string" && typeof error.message === "string") return { status: upstream.status, code: error.code, message: error.message };
  } catch {
    // not micri's shape
  }
  return undefined;
}

/** Request-side violations of an `sl-violations` header (Prism also reports its own response problems there). */
function requestViolations(header) {
  if (!header) return [];
  try {
    return JSON.parse(header).filter((v) => v.location?.[0] === "request" && v.severity === "Error");
  } catch {
    // Prism truncates very long headers ("Too many violations! ...").
    return header.includes('"request"') ? [{ location: ["request"], severity: "Error", message: header }] : [];
  }
}

/**
 * The violations of Prism's own 422, which it answers (without an `sl-violations` header) when the operation documents
 * no 400 or 422; its detail is a generic sentence, its `validation` locations lack the leading "request".
 */
function prismOwn422(upstream) {
  if (upstream.status !== 422 || upstream.headers["content-type"] !== "application/problem+json") return [];
  try {
    const { type, validation } = JSON.parse(upstream.body.toString());
    if (type !== PROBLEM_TYPES.invalidRequest || !Array.isArray(validation)) return [];
    return validation.map((v) => ({ ...v, location: ["request", ...(v.location ?? [])] }));
  } catch {
    return [];
  }
}

function describeViolation(v) {
  const where = v.location.slice(1).join(".");
  return where ? `${where}: ${v.message}` : v.message;
}

/**
 * How long a connection to Prism may have been idle and still be reused: well under the 5 s after which Prism's
 * server (Node's default `keepAliveTimeout`) closes an idle connection; a test compares it with what Prism announces.
 */
export const PRISM_IDLE_MS = 1000;
const SENT_AT = Symbol("sentAt");
const MAX_IDLE = Symbol("maxIdleMs");

/**
 * The connections of the hop to one Prism server: kept alive, and never reused once idle for `maxIdleMs`.
 *
 * Why a limit checked by the clock at reuse: the front server and Prism share one process, so one event loop. When it
 * stalls (a loaded machine: the flake `Prism rejected GET /payments/… (502) socket hang up`), every timer is late,
 * the agent's idle timer as much as Prism's. After the stall the front reuses a connection that has been idle for
 * longer than Prism keeps one, and writes a request on it; the next turn of the loop runs timers before it reads
 * sockets, so Prism's idle timer closes the connection with the request unread ("socket hang up"). A connection
 * counts as idle since its last request was sent, which is before Prism's timer for it started.
 */
export function prismAgent({ maxIdleMs = PRISM_IDLE_MS } = {}) {
  // fifo: Node's agent passes over destroyed sockets at the head of the free list only (dropStale destroys).
  return Object.assign(new Agent({ keepAlive: true, timeout: maxIdleMs, scheduling: "fifo" }), { [MAX_IDLE]: maxIdleMs });
}

/** Drops every free connection of `agent` idle for longer than its `maxIdleMs`, whatever its timers say. */
function dropStale(agent) {
  const now = Date.now();
  for (const sockets of Object.values(agent.freeSockets)) {
    for (const socket of sockets) if (now - (socket[SENT_AT] ?? 0) > agent[MAX_IDLE]) socket.destroy();
  }
}

/**
 * Sends one request to the Prism server at `target` (a URL) through `agent` (`prismAgent()`) and resolves with its
 * whole answer `{ status, headers, body }`. A reused connection that fails with ECONNRESET or EPIPE before an answer
 * (Prism closed it just as it was reused, which the idle limit makes rare but a long stall can still cause) is given
 * up and the request sent once more on a new connection of its own, outside the pool: another pooled connection
 * may be just as stale. Prism keeps no state, so a second send changes nothing. Any other failure rejects.
 */
export function forward(target, { method, path, headers, body }, agent) {
  const send = (via) =>
    new Promise((resolve, reject) => {
      if (via) dropStale(via);
      const out = httpRequest({ host: target.hostname, port: target.port, method, path, headers, agent: via ?? false }, (res) => {
        const parts = [];
        res.on("data", (chunk) => parts.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(parts) }));
        res.on("error", reject);
      });
      out.on("socket", (socket) => {
        socket[SENT_AT] = Date.now();
      });
      out.on("error", (error) => reject(Object.assign(error, { reusedSocket: out.reusedSocket })));
      out.end(body);
    });
  return send(agent).catch((error) => (error.reusedSocket && ["ECONNRESET", "EPIPE"].includes(error.code) ? send(undefined) : Promise.reject(error)));
}

/**
 * Starts the mock of `provider` on `host:port` (port 0 picks a free one) and returns
 * `{ provider, url, close() }`. Throws PortError when the port cannot be bound.
 * `log(line)` receives one line per request.
 */
export async function startDevMock(provider, { port = DEFAULT_PORTS[provider] ?? 0, host = "127.0.0.1", log = () => {} } = {}) {
  let backend;
  const front = createServer((req, res) => {
    const chunks = [];
    req.on("data", (chunk) => chunks.push(chunk));
    req.on("end", () => {
      handle(req, Buffer.concat(chunks))
        .catch((error) => {
          log(`${req.method} ${req.url} -> 500 ${error?.stack ?? error}`);
          return statusProblem(500, `The mock failed: ${error?.message ?? error}`);
        })
        .then((answer) => {
          res.writeHead(answer.status, answer.headers);
          res.end(answer.body);
        });
    });
  });
  front.keepAliveTimeout = 1000;
  let boundPort;
  try {
    boundPort = await listen(front, port, host);
  } catch (error) {
    throw new PortError(provider, host, port, error);
  }

  try {
    const doc = await bundleSpec(provider);
    const findOperation = operationRouter(operationExamples(doc));
    const { getHttpOperationsFromSpec, createPrismServer, createLogger, route } = prism();
    // A document of Prism's own: it dereferences what it is given in place (bundleSpec returns a fresh one per call).
    const server = createPrismServer(await getHttpOperationsFromSpec(await bundleSpec(provider)), {
      cors: true,
      components: { logger: createLogger(provider, { enabled: false }), route: narrowedRouter(route) },
      config: {
        checkSecurity: true,
        validateRequest: true,
        validateResponse: true,
        // A spec example that does not match its own schema answers 500 instead of being served.
        errors: true,
        mock: { dynamic: false },
        isProxy: false,
        upstreamProxy: undefined,
      },
    });
    const prismUrl = new URL(await server.listen(0, "127.0.0.1"));
    backend = { prism: server, findOperation, prismUrl, agent: prismAgent() };
  } catch (error) {
    front.close();
    throw error;
  }

  async function handle(req, body) {
    if (!backend) return statusProblem(503, `The ${provider} mock is still starting.`);
    const url = new URL(req.url, "http://mock");
    const headers = { ...req.headers, host: backend.prismUrl.host };
    const operation = backend.findOperation(req.method, url.pathname);
    const prefer = parsePrefer(headers.prefer);
    const usesQuery = headers.prefer === undefined;
    const example = usesQuery ? url.searchParams.get("__example") : prefer.get("example");
    const hasCode = usesQuery ? url.searchParams.has("__code") : prefer.has("code");
    let chosen = "";
    if (operation && example && !hasCode) {
      const response = operation.responses.find((r) => r.examples.some((e) => e.name === example));
      if (!response) {
        const known = operation.responses.map((r) => `${r.status}: ${r.examples.map((e) => e.name).join(", ") || "(no named examples)"}`);
        const answer = problem(404, PROBLEM_TYPES.unknownExample, "Unknown example",
          `${operation.operationId} has no example named "${example}". Its examples by status: ${known.join("; ")}.`);
        log(`${req.method} ${url.pathname} -> 404 unknown example "${example}"`);
        return answer;
      }
      if (usesQuery) url.searchParams.set("__code", response.status);
      else headers.prefer = `code=${response.status}, ${headers.prefer}`;
    }
    if (example) chosen = ` [${example}]`;

    // Prism's server would answer `400 {"error":…}` before validating anything.
    const notJson = malformedJson(req, body);
    if (notJson !== undefined) {
      log(`${req.method} ${url.pathname} -> 422 the body is not JSON: ${notJson}`);
      return invalidRequest(operation, [{ location: ["request", "body"], severity: "Error", code: "parse", message: `is not valid JSON (${notJson})` }]);
    }

    let upstream;
    try {
      upstream = await forward(backend.prismUrl, { method: req.method, path: url.pathname + url.search, headers, body }, backend.agent);
    } catch (error) {
      log(`${req.method} ${url.pathname} -> 502 Prism did not answer: ${error.message}`);
      return statusProblem(502, `The mock's Prism server did not answer ${req.method} ${url.pathname}: ${error.message}${error.code ? ` (${error.code})` : ""}.`);
    }

    const bodyError = prismBodyError(upstream);
    if (bodyError) {
      log(`${req.method} ${url.pathname} -> ${bodyError.status} Prism could not read the body: ${bodyError.message}`);
      if (bodyError.code === "invalid_json") {
        return invalidRequest(operation, [{ location: ["request", "body"], severity: "Error", code: "parse", message: "is not valid JSON" }]);
      }
      return statusProblem(bodyError.status, `The mock could not read the request body: ${bodyError.message}.`);
    }
    const violations = requestViolations(upstream.headers["sl-violations"]);
    if (violations.length === 0) violations.push(...prismOwn422(upstream));
    // 401 is what the provider itself answers to a missing or wrong credential: keep it.
    if (violations.length > 0 && upstream.status !== 401) {
      log(`${req.method} ${url.pathname} -> 422 request violates the spec: ${violations.map(describeViolation).join("; ")}`);
      return invalidRequest(operation, violations);
    }
    const responseHeaders = { ...upstream.headers };
    delete responseHeaders["transfer-encoding"];
    delete responseHeaders.connection;
    delete responseHeaders["keep-alive"];
    responseHeaders["content-length"] = String(upstream.body.length);
    const note = !operation ? " (no such operation)" : violations.length > 0 ? ` (${violations.map((v) => v.message).join("; ")})` : "";
    log(`${req.method} ${url.pathname} -> ${upstream.status}${chosen}${note}`);
    return { status: upstream.status, headers: responseHeaders, body: upstream.body };
  }

  return {
    provider,
    url: `http://${host.includes(":") ? `[${host}]` : host}:${boundPort}`,
    async close() {
      front.closeAllConnections?.();
      backend.agent.destroy();
      await Promise.all([new Promise((r) => front.close(() => r())), backend.prism.close()]);
    },
  };
}
