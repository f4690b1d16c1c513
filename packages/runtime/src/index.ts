export { PaySpecError, PaySpecValidationError } from "./errors.js";
export { redact, redactText, scrubError, snippet } from "./redact.js";
export { validate, type RequestSchema, type ValidationIssue } from "./validate.js";
