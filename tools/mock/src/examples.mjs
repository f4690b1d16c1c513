// The named examples of every operation of a bundled spec: what `Prefer: example=NAME` can ask
// for. Read by `pnpm mock` (to find the status of an example) and by gen-mocks-md.mjs (MOCKS.md).

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** Follows internal `$ref`s (`#/components/...`) of a bundled document. */
function resolve(doc, node) {
  let current = node;
  for (let depth = 0; current && typeof current.$ref === "string" && depth < 20; depth++) {
    if (!current.$ref.startsWith("#/")) return current;
    current = current.$ref
      .slice(2)
      .split("/")
      .map((part) => decodeURIComponent(part).replaceAll("~1", "/").replaceAll("~0", "~"))
      .reduce((parent, key) => parent?.[key], doc);
  }
  return current;
}

/**
 * @typedef {{ status: string, description: string, examples: { name: string, summary: string }[] }} ResponseExamples
 * @typedef {{ path: string, headers: Record<string, string>, body?: string }} SampleRequest
 * @typedef {{ operationId: string, method: string, path: string, summary: string, responses: ResponseExamples[], sample: SampleRequest }} OperationExamples
 */

/** Placeholder credentials for the operation's first security alternative (Prism checks presence and form only). */
function sampleCredentials(doc, operation) {
  const requirement = (operation.security ?? doc.security ?? [])[0] ?? {};
  const headers = {};
  for (const name of Object.keys(requirement)) {
    const scheme = resolve(doc, doc.components?.securitySchemes?.[name]);
    const original = scheme?.["x-payspec-original-scheme"];
    if (scheme?.type === "http" && scheme.scheme === "bearer") headers.Authorization = "Bearer test-token";
    else if (scheme?.type === "http" && scheme.scheme === "basic") headers.Authorization = "Basic dGVzdDp0ZXN0";
    else if (scheme?.type === "apiKey" && scheme.in === "header" && original?.type === "http")
      // A custom HTTP scheme modelled as an API key header (see specs/README.md): `Authorization: <Scheme> <value>`.
      // The scheme name is spelled as the description writes it (`Authorization: PortOne <API secret>`).
      headers[scheme.name] = `${new RegExp(`\\b(${original.scheme}) `, "i").exec(scheme.description ?? "")?.[1] ?? original.scheme} test-secret`;
    else if (scheme?.type === "apiKey" && scheme.in === "header") headers[scheme.name] = "test-key";
  }
  return headers;
}

function parameterExample(doc, parameter) {
  const named = Object.values(parameter.examples ?? {})[0];
  const content = Object.values(parameter.content ?? {})[0];
  const value =
    parameter.example ?? resolve(doc, named)?.value ?? parameter.schema?.example ?? parameter.schema?.examples?.[0] ??
    content?.example ?? resolve(doc, Object.values(content?.examples ?? {})[0])?.value;
  if (value === undefined) return undefined;
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** A request that satisfies the operation, built from the spec's own request examples. */
function sampleRequest(doc, path, operation, pathItem) {
  const parameters = [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])].map((p) => resolve(doc, p));
  let filled = path;
  const query = new URLSearchParams();
  const headers = sampleCredentials(doc, operation);
  for (const parameter of parameters) {
    const value = parameterExample(doc, parameter);
    if (parameter.in === "path") filled = filled.replace(`{${parameter.name}}`, encodeURIComponent(value ?? `${parameter.name}-1`));
    else if (parameter.required && value !== undefined && parameter.in === "query") query.set(parameter.name, value);
    else if (parameter.required && value !== undefined && parameter.in === "header") headers[parameter.name] = value;
  }
  const body = resolve(doc, operation.requestBody);
  const [mediaType, media] = Object.entries(body?.content ?? {})[0] ?? [];
  const search = query.size > 0 ? `?${query}` : "";
  if (!media) return { path: filled + search, headers };
  const value = media.example ?? resolve(doc, Object.values(media.examples ?? {})[0])?.value ?? {};
  return {
    path: filled + search,
    headers: { ...headers, "Content-Type": mediaType },
    body: typeof value === "string" ? value : JSON.stringify(value),
  };
}

/**
 * Lists the operations of a bundled OpenAPI document in document order, each with its responses
 * (in status order) and the names of their examples.
 * @returns {OperationExamples[]}
 */
export function operationExamples(doc) {
  const operations = [];
  for (const [path, rawItem] of Object.entries(doc.paths ?? {})) {
    const item = resolve(doc, rawItem);
    for (const method of METHODS) {
      const operation = item?.[method];
      if (!operation) continue;
      const responses = Object.entries(operation.responses ?? {})
        .map(([status, rawResponse]) => {
          const response = resolve(doc, rawResponse) ?? {};
          const examples = [];
          for (const media of Object.values(response.content ?? {})) {
            for (const [name, rawExample] of Object.entries(media.examples ?? {})) {
              if (examples.some((e) => e.name === name)) continue;
              examples.push({ name, summary: resolve(doc, rawExample)?.summary ?? "" });
            }
          }
          return { status, description: response.description ?? "", examples };
        })
        .sort((a, b) => a.status.localeCompare(b.status));
      operations.push({
        operationId: operation.operationId ?? `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        summary: operation.summary ?? "",
        responses,
        sample: sampleRequest(doc, path, operation, item),
      });
    }
  }
  return operations;
}

/**
 * Returns a function that finds the operation of a request (`method`, URL `pathname`), preferring
 * literal path segments over templated ones, as Prism does.
 */
export function operationRouter(operations) {
  const routes = operations
    .map((operation) => {
      const segments = operation.path.split("/");
      const pattern = segments
        .map((segment) => segment.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}/]+\}/g, "[^/]+"))
        .join("/");
      const templated = segments.filter((segment) => segment.includes("{")).length;
      return { operation, regex: new RegExp(`^${pattern}/?$`), templated };
    })
    .sort((a, b) => a.templated - b.templated);
  return (method, pathname) =>
    routes.find((route) => route.operation.method === method.toUpperCase() && route.regex.test(pathname))?.operation;
}
