// What a request schema needs of the runtime beyond the core validator: the keyword checkers it uses
// anywhere, and whether it may hold card data, personal numbers or billing keys (a personal field, or a
// part open to any field). The reference the three clients' row-needs tests compare their generated
// rows with; `isSensitiveField` is the runtime's (passed in: this package does not depend on the runtime).

/**
 * @param {(name: string, parent: string) => boolean} isSensitiveField
 * @param {import("./row-needs.d.mts").NeedsSchema | null | undefined} schema
 * @param {string} [parent] the name of the object holding the schema's fields ("" at the top)
 */
export function rowNeeds(isSensitiveField, schema, parent = "") {
  const found = { keywords: new Set(), personal: schema === null };
  walk(schema, parent);
  return found;

  function walk(node, parent) {
    if (!node) return;
    if (node.pattern !== undefined) found.keywords.add("pattern");
    if (node.format === "date" || node.format === "date-time" || node.format === "uri") found.keywords.add(node.format);
    for (const k of ["allOf", "anyOf", "oneOf"]) for (const member of node[k] ?? []) (found.keywords.add(k), walk(member, parent));
    if (node.if) for (const branch of [node.if, node.then, node.else]) (found.keywords.add("if"), walk(branch, parent));
    for (const [name, sub] of Object.entries(node.properties ?? {})) {
      if (isSensitiveField(name, parent)) found.personal = true;
      walk(sub, name);
    }
    if (node.items) walk(node.items, parent);
    if (node.additionalProperties === true || typeof node.additionalProperties === "object") found.personal = true;
  }
}
