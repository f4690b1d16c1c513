// The openapi-fetch client of PortOne Global, on the payspec transport, with the same credentials
// installed once as a middleware (the client key header, the JWT, `portone_key`, `portone_secret`,
// `signature_hash`: the code the operations use). It can share a core's transport and JWT.
import createClient, { type Client, type Middleware } from "openapi-fetch";
import { transportFetch } from "@payspec/runtime";
import { connect, connectionOf, JWT_REJECTED, type Connection, type PortOneGlobalClientOptions, type PortOneGlobalCore } from "./core.js";
import type { paths } from "./generated/openapi.js";
import { operations, type PortOneGlobalOperation } from "./generated/operations.js";

/** Fields the client fills itself: the key, the secret and the signature. */
type Filled = "key" | "portone_key" | "portone_secret" | "signature_hash";
type Simplify<T> = { [K in keyof T]: T[K] } & {};
type Loosen<B> = Simplify<Omit<B, Filled> & { [F in Extract<keyof B, Filled>]?: B[F] }>;
type FillBody<O> = O extends { requestBody: { content: { "application/json": infer B } } }
  ? Simplify<Omit<O, "requestBody"> & { requestBody: { content: { "application/json": Loosen<B> } } }>
  : O;
/** The spec's `paths`, with the body fields the middleware fills (`portone_key`, `portone_secret`, `signature_hash`) optional. */
export type PortOneGlobalPaths = { [P in keyof paths]: { [M in keyof paths[P]]: FillBody<paths[P][M]> } };
/** An openapi-fetch client of PortOne Global with the credentials installed. */
export type PortOneGlobalFetchClient = Client<PortOneGlobalPaths>;

function fetchClient(connection: Connection): PortOneGlobalFetchClient {
  const { core, authorise, fill, tokens: source } = connection;
  const rows: PortOneGlobalOperation[] = Object.values(operations);
  const route = (method: string, path: string) => rows.find((op) => op.method === method && new RegExp(`${op.path.replace(/\{[^}]+\}/g, "[^/]+")}$`).test(path));
  const client = createClient<PortOneGlobalPaths>({
    baseUrl: core.baseUrl,
    fetch: transportFetch(core.transport, (request) => route(request.method, new URL(request.url).pathname)?.read === true),
  });
  const credentials: Middleware = {
    async onRequest({ request, schemaPath }) {
      const op = rows.find((row) => row.method === request.method && row.path === schemaPath);
      if (!op) return undefined;
      const headers: Record<string, string> = {};
      await authorise(op, headers);
      let body: string | undefined;
      if (op.body === "json" && (op.signature || op.filled.some((f) => f !== "key"))) {
        const parsed: unknown = JSON.parse((await request.clone().text()) || "{}");
        if (parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)) body = JSON.stringify(await fill(op, parsed as Record<string, unknown>));
      }
      const out = body === undefined ? request : new Request(request, { body });
      for (const [name, value] of Object.entries(headers)) out.headers.set(name, value);
      return out;
    },
    async onResponse({ response }) {
      if (response.status === 401 && (await response.clone().text()).includes(JWT_REJECTED)) source.invalidate();
      return undefined;
    },
  };
  client.use(credentials);
  return client;
}

/**
 * An openapi-fetch client of PortOne Global, typed by the spec's `paths`, on the payspec transport
 * (timeouts, retries of reads, no redirects, User-Agent, events), with the client key header, the JWT,
 * `portone_key`, `portone_secret` and `signature_hash` filled in by one middleware. No validation:
 * use the operation methods of {@link createPortOneGlobalClient} (or the functions) for that. Pass a
 * client or a core to share its transport and JWT, or options for a new one. Throws one validation
 * error for bad options.
 */
export function createPortOneGlobalFetchClient(from: PortOneGlobalCore | PortOneGlobalClientOptions): PortOneGlobalFetchClient {
  return fetchClient(connectionOf(from) ?? connect(from as PortOneGlobalClientOptions, "createPortOneGlobalFetchClient"));
}
