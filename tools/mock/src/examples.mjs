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
 * @typedef {{ operationId: string, method: string, path: string, summary: string, responses: ResponseExamples[] }} OperationExamples
 */

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
