import { prismGlobalSetup } from "@payspec/mock/global-setup";

// One Prism server of specs/portone-global (errors mode on) for the whole run, stopped afterwards.
export default prismGlobalSetup("portone-global", "portoneGlobalMockUrl");

declare module "vitest" {
  export interface ProvidedContext {
    portoneGlobalMockUrl: string;
  }
}
