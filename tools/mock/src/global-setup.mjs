// vitest globalSetup for contract tests: one mock of a spec (the server `pnpm mock` runs) for the whole run, its URL
// provided to the tests as `inject(key)`, stopped afterwards.
import { startMock } from "./start.mjs";

export function mockGlobalSetup(provider, key) {
  return async function setup(project) {
    const server = await startMock(provider);
    project.provide(key, server.url);
    return () => server.close();
  };
}
