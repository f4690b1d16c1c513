import type { ValidationIssue } from "./validate.js";

/** Base of every error class a payspec client returns: the operation it came from, and a readable name. */
export abstract class PaySpecError extends Error {
  abstract readonly kind: string;
  /** operationId of the call that failed. */
  readonly operation: string;
  constructor(operation: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.operation = operation;
  }
  override get name(): string {
    return this.constructor.name;
  }
}

/** The input broke a rule of the spec; nothing was sent. `issues` lists every broken rule. */
export abstract class PaySpecValidationError extends PaySpecError {
  readonly kind = "validation";
  /** Dotted path of the first offending field, e.g. `bill.price`. */
  readonly field: string;
  /** The schema keyword that failed first (`maxLength`, `pattern`, `required`, ...). */
  readonly rule: string;
  readonly issues: readonly ValidationIssue[];
  constructor(operation: string, issues: readonly ValidationIssue[]) {
    const first = issues[0] ?? { field: "body", rule: "unknown", message: "body is invalid" };
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more: ${issues.slice(1).map((i) => i.field).join(", ")})` : "";
    super(operation, `${operation}: ${first.message}${more}; nothing was sent`);
    this.field = first.field;
    this.rule = first.rule;
    this.issues = issues;
  }
}
