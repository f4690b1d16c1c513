export {
  createSandbox,
  startSandbox,
  DEFAULT_PORTONE_MERCHANT_ID,
  DEFAULT_PORTONE_SECRET,
  DEFAULT_PORTONE_STORE_ID,
  DEFAULT_WEBHOOK_SECRET,
  type PortOneSandbox,
  type PortOneSandboxOptions,
  type RunningSandbox,
  type Sandbox,
  type SandboxControls,
  type SandboxOptions,
} from "./sandbox.js";
export type { ClockOptions, SandboxClock } from "./clock.js";
export { FAULT_HEADER, type Fault, type FaultInput, type QueuedFault } from "./faults.js";
export { PORTONE_DELIVERY_TIMEOUT_MS, PORTONE_RETRY_DELAYS_MS, signWebhook, type Delivery, type DeliveryAttempt, type WebhookEndpoint } from "./webhooks.js";
export {
  CheckoutError,
  type CheckoutInput,
  type DepositInput,
  type FailInput,
  type PaymentHistoryEntry,
  type PayMethod,
  type PortOneCheckout,
  type PortOnePayment,
  type PortOnePaymentWebhook,
  type VirtualAccountInput,
} from "./portone/engine.js";
