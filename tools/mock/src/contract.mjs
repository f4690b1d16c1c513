// fetch wrappers for contract tests: fail on any request the mock says violates the spec.
//
// Prism answers an invalid request with 422, or - when the operation documents a 400 - with the
// spec's own 400 plus an `sl-violations` header, which a test checking "got the 400" would
// happily accept. Every contract-test client goes through `strictFetch`, so both are failures.

export class ContractViolation extends Error {
  constructor(request, status, violations) {
    super(`Prism rejected ${request.method} ${new URL(request.url).pathname} (${status}): ${violations}`);
    this.name = "ContractViolation";
  }
}

/**
 * Returns a fetch that adds `Prefer` (to pick a status/example) and throws ContractViolation when
 * Prism reports a request violation, answers 422, or serves its own problem+json (an unknown
 * example or status was asked for).
 */
export function strictFetch({ prefer, fetch = globalThis.fetch } = {}) {
  return async (input, init) => {
    const request = new Request(input, init);
    if (prefer) request.headers.set("Prefer", prefer);
    const response = await fetch(request);
    const violations = response.headers.get("sl-violations");
    if (violations) throw new ContractViolation(request, response.status, violations);
    if (response.status === 422 || (response.headers.get("content-type") ?? "").includes("application/problem+json")) {
      throw new ContractViolation(request, response.status, await response.clone().text());
    }
    return response;
  };
}

/**
 * An error's message and its cause's, for an assertion's message: a contract violation or a failed connection reaches
 * a test as the client's network error, whose message alone does not say which.
 */
export function explain(error) {
  if (!error) return "";
  const cause = error.cause instanceof Error ? `; cause: ${error.cause.name}: ${error.cause.message}` : "";
  return `${error.name}: ${error.message}${cause}`;
}
