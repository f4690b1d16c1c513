import { mockGlobalSetup } from "@payspec/mock/global-setup";

// One mock of specs/portone-global for the whole run, stopped afterwards: the server `pnpm mock` runs (Prism in
// errors mode behind its front server).
export default mockGlobalSetup("portone-global", "portoneGlobalMockUrl");

declare module "vitest" {
  export interface ProvidedContext {
    portoneGlobalMockUrl: string;
  }
}
