// Token mode, kept out of the plain core so that a bundle that sends the secret carries neither the
// token source nor the two login operations: the cores of `@payspec/portone/auth` and
// `@payspec/portone` (and the whole client) take it; the other entry points' `createPortOneCore` refuses
// `auth: "token"` with a message naming these.
import { PaySpecInvalidResponseError } from "@payspec/runtime";
import { connect, coreObject, type PortOneClientOptions, type PortOneCore, type TokenMode } from "./core.js";
import type { PortOneOperation } from "./generated/common.js";
import { loginViaApiSecret, refreshToken } from "./generated/rows/auth.js";
import { createTokenSource, type TokenPair } from "./token.js";

/** Logs in with the API secret and refreshes the access token through the core's own transport. */
export const tokenMode: TokenMode = (run, secret) => {
  async function exchange(op: PortOneOperation, input: Record<string, string>): Promise<TokenPair> {
    const result = await run(op, input);
    if (result.error) throw result.error;
    const { accessToken, refreshToken: refresh } = result.data as Partial<Record<string, unknown>>;
    // A login answer without tokens would be sent as `Bearer undefined` on every call.
    if (typeof accessToken !== "string" || accessToken === "" || typeof refresh !== "string" || refresh === "") {
      throw new PaySpecInvalidResponseError({ provider: "portone", operation: op.id }, "unexpected-shape", result.response.status, "");
    }
    return { accessToken, refreshToken: refresh };
  }
  return createTokenSource(
    () => exchange(loginViaApiSecret, { apiSecret: secret }),
    (token) => exchange(refreshToken, { refreshToken: token }),
  );
};

/**
 * The core a standalone function takes (`getPayment(portone, { paymentId })`): credentials and
 * transport, checked once, with token mode (`auth: "token"`) available. Bad options throw one
 * `PaySpecValidationError` listing every problem.
 */
export function createPortOneCore(options: PortOneClientOptions): PortOneCore {
  return coreObject(connect(options, "createPortOneCore", tokenMode), options, "PortOneCore") as unknown as PortOneCore;
}
