/** The parts of a request schema `rowNeeds` reads (the runtime's `RequestSchema` is one). */
export interface NeedsSchema {
  readonly pattern?: string;
  readonly format?: string;
  readonly allOf?: readonly NeedsSchema[];
  readonly anyOf?: readonly NeedsSchema[];
  readonly oneOf?: readonly NeedsSchema[];
  readonly if?: NeedsSchema;
  readonly then?: NeedsSchema;
  readonly else?: NeedsSchema;
  readonly properties?: { readonly [name: string]: NeedsSchema };
  readonly items?: NeedsSchema;
  readonly additionalProperties?: boolean | NeedsSchema;
}

/** The keyword checkers `schema` uses anywhere, and whether it may hold card data, personal numbers or billing keys. */
export function rowNeeds(
  isSensitiveField: (name: string, parent: string) => boolean,
  schema: NeedsSchema | null | undefined,
  parent?: string,
): { keywords: Set<string>; personal: boolean };
