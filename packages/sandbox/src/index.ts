export {
  createSandbox,
  startSandbox,
  DEFAULT_PAYSSAM_API_KEY,
  DEFAULT_PAYSSAM_MEMBER,
  DEFAULT_PAYSSAM_MERCHANT,
  DEFAULT_PAYSSAM_POINTS,
  DEFAULT_PORTONE_MERCHANT_ID,
  DEFAULT_PORTONE_SECRET,
  DEFAULT_PORTONE_STORE_ID,
  DEFAULT_WEBHOOK_SECRET,
  type PaySsamSandbox,
  type PaySsamSandboxOptions,
  type PortOneSandbox,
  type PortOneSandboxOptions,
  type RunningSandbox,
  type Sandbox,
  type SandboxControls,
  type SandboxOptions,
} from "./sandbox.js";
export type { ClockOptions, SandboxClock } from "./clock.js";
export { FAULT_HEADER, type Fault, type FaultInput, type QueuedFault } from "./faults.js";
export {
  PAYSSAM_RETRY_DELAYS_MS,
  PORTONE_DELIVERY_TIMEOUT_MS,
  PORTONE_RETRY_DELAYS_MS,
  signWebhook,
  type Delivery,
  type DeliveryAttempt,
  type DeliveryProvider,
  type WebhookEndpoint,
} from "./webhooks.js";
export { ApproveError, POINTS_PER_TALK, type ApprovalState, type ApproveInput, type PaySsamBill, type PaySsamBillRead } from "./payssam/engine.js";
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
