import { prismGlobalSetup } from "@payspec/mock/global-setup";

// One Prism server of specs/portone (errors mode on) for the whole run, stopped afterwards.
export default prismGlobalSetup("portone", "portoneMockUrl");

declare module "vitest" {
  export interface ProvidedContext {
    portoneMockUrl: string;
  }
}
