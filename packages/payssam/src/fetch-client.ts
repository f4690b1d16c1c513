// The openapi-fetch client of the PaySsam API, on the payspec transport, with credentials and the
// hash installed by one middleware (`seal`, the same code the operations use).
import createClient, { type Client, type Middleware } from "openapi-fetch";
import { PaySpecValidationError, transportFetch } from "@payspec/runtime";
import { connect, connectionOf, type Connection, type PaySsamClientOptions, type PaySsamCore } from "./core.js";
import type { paths } from "./generated/openapi.js";
import { operations, type PaySsamOperation } from "./generated/operations.js";
import { seal, type Credentials } from "./seal.js";

/** openapi-fetch typed by the spec's `paths`; the envelope fields you pass are placeholders, always replaced. */
export type PaySsamFetchClient = Client<paths>;

/** The openapi-fetch middleware that installs credentials and hash: the configured credential always wins. */
function sealing(credentials: Credentials, byPath: ReadonlyMap<string, PaySsamOperation>): Middleware {
  return {
    async onRequest({ request, schemaPath }) {
      const op = byPath.get(schemaPath);
      if (!op) return undefined;
      const text = await request.text();
      let body: unknown;
      try {
        body = text ? JSON.parse(text) : {};
      } catch {
        body = undefined;
      }
      if (body === null || typeof body !== "object" || Array.isArray(body)) {
        throw new PaySpecValidationError({ provider: "payssam", operation: op.path }, [{ field: "body", rule: "type", message: "body must be a JSON object" }]);
      }
      await seal(op, body as Record<string, unknown>, credentials);
      return new Request(request, { body: JSON.stringify(body) });
    },
  };
}

function fetchClient({ core, credentials }: Connection): PaySsamFetchClient {
  const rows: readonly PaySsamOperation[] = Object.values(operations);
  const base = new URL(core.baseUrl).pathname.replace(/\/+$/, "");
  const reads = new Set(rows.filter((op) => op.read).map((op) => base + op.path));
  const client = createClient<paths>({ baseUrl: core.baseUrl, fetch: transportFetch(core.transport, (request) => reads.has(new URL(request.url).pathname)) });
  client.use(sealing(credentials, new Map(rows.map((op) => [op.path, op]))));
  return client;
}

/**
 * An openapi-fetch client of the PaySsam API typed by the spec (`POST("/bill", { body })`), on the
 * payspec transport (timeouts, retries of reads, no redirects, User-Agent, events) with credentials
 * and the request hash installed by a middleware. Results are openapi-fetch's own (`data` is the
 * whole envelope); transport failures reject with the payspec error. Add your middleware with `use`.
 * Pass a client made by `createPaySsamClient` or `createPaySsamCore` to share its transport, or options for a new one.
 */
export function createPaySsamFetchClient(from: PaySsamCore | PaySsamClientOptions): PaySsamFetchClient {
  return fetchClient(connectionOf(from) ?? connect(from as PaySsamClientOptions, "createPaySsamFetchClient"));
}
