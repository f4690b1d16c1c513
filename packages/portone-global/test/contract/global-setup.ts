import { startPrism } from "@payspec/mock";
import type { TestProject } from "vitest/node";

// One Prism server (errors mode on) for the whole run, stopped afterwards.
export default async function setup(project: TestProject) {
  const server = await startPrism("portone-global");
  project.provide("portoneGlobalMockUrl", server.url);
  return () => server.close();
}

declare module "vitest" {
  export interface ProvidedContext {
    portoneGlobalMockUrl: string;
  }
}
