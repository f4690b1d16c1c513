export declare function jsonQueryValidator(doc: {
  components?: unknown;
}): (operation: { operationId: string; parameters?: readonly object[] | undefined }, searchParams: URLSearchParams) => string[];
