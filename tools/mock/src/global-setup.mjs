// vitest globalSetup for contract tests: one Prism server of a spec for the whole run, its URL
// provided to the tests as `inject(key)`, stopped afterwards.
import { startPrism } from "./prism.mjs";

export function prismGlobalSetup(provider, key) {
  return async function setup(project) {
    const server = await startPrism(provider);
    project.provide(key, server.url);
    return () => server.close();
  };
}
