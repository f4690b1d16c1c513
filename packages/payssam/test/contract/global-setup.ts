import { prismGlobalSetup } from "@payspec/mock/global-setup";

// One Prism server of specs/payssam (errors mode on) for the whole run, stopped afterwards.
export default prismGlobalSetup("payssam", "payssamMockUrl");

declare module "vitest" {
  export interface ProvidedContext {
    payssamMockUrl: string;
  }
}
