// Token mode, kept out of the plain core so that a bundle that sends the secret carries neither the
// token source nor the two login operations: the cores of `@payspec/portone/auth` and
// `@payspec/portone` (and the whole client) take it; the other entry points' `createPortOneCore` refuses
// `auth: "token"` with a message naming these.
import { connect, coreObject, type PortOneClientOptions, type PortOneCore, type TokenMode } from "./core.js";
import { loginViaApiSecret, refreshToken } from "./generated/rows/auth.js";
import { createTokenSource } from "./token.js";

/** Logs in with the API secret and refreshes the access token through the core's own transport. */
export const tokenMode: TokenMode = (exchange, secret) =>
  createTokenSource(
    () => exchange(loginViaApiSecret, { apiSecret: secret }),
    (token) => exchange(refreshToken, { refreshToken: token }),
  );

/**
 * The core a standalone function takes (`getPayment(portone, { paymentId })`): credentials and
 * transport, checked once, with token mode (`auth: "token"`) available. Bad options throw one
 * `PaySpecValidationError` listing every problem.
 */
export function createPortOneCore(options: PortOneClientOptions): PortOneCore {
  return coreObject(connect(options, "createPortOneCore", tokenMode), options, "PortOneCore") as unknown as PortOneCore;
}
