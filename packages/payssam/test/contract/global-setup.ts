import { mockGlobalSetup } from "@payspec/mock/global-setup";

// One mock of specs/payssam for the whole run, stopped afterwards: the server `pnpm mock` runs (Prism in
// errors mode behind its front server).
export default mockGlobalSetup("payssam", "payssamMockUrl");

declare module "vitest" {
  export interface ProvidedContext {
    payssamMockUrl: string;
  }
}
