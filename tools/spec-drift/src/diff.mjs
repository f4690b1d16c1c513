// Compares two normalised documents operation by operation and classifies every change by what it does to
// someone using a payspec client generated from the base document:
//   breaking-callers  code that calls the client may stop compiling or be refused (input side)
//   breaking-readers  code that reads results or errors may stop compiling or see less (output side)
//   additive          something new a caller can use; nothing existing breaks
//   tolerated         the clients already cope (new response enum values and union cases become "unrecognised",
//                     response constraints are not checked, a new error type is kept as an unrecognised code)
//   docs              no effect on code: a stability marker
// Each change has a `key` (`kind:location[:value]`) that an `x-payspec-deviations` entry of our spec can name.

const INPUT_CLASS = { worse: "breaking-callers", better: "additive" };

// For constraints: which direction makes the input stricter.
const STRICTER = {
  minimum: (a, b) => b > a,
  exclusiveMinimum: (a, b) => b > a,
  maximum: (a, b) => b < a,
  exclusiveMaximum: (a, b) => b < a,
  minLength: (a, b) => b > a,
  maxLength: (a, b) => b < a,
  minItems: (a, b) => b > a,
  maxItems: (a, b) => b < a,
  minProperties: (a, b) => b > a,
  maxProperties: (a, b) => b < a,
  uniqueItems: (a, b) => b === true && a !== true,
};

/** Where a path's parent is: `a.b` → `a`, `a[]` → `a`, `a<X>` → `a`, `a` → `` (the root). */
export const parentPath = (path) => {
  const match = /(\.[^.<[{]+|\[\]|\{\}|<[^>]*>)$/.exec(path);
  return match ? path.slice(0, match.index) : path === "" ? undefined : "";
};

function ancestors(path) {
  const out = [];
  for (let p = parentPath(path); p !== undefined; p = parentPath(p)) out.push(p);
  return out;
}

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Field-level differences of one side (`input` or `output`) of one operation.
 * `foreign`: the head is a provider's document, so constraints that are payspec's own (`x-payspec-limit-source:
 * payspec`) are recorded deviations, not news.
 */
function diffFields(side, base, head, push, { foreign }) {
  const added = [...head.keys()].filter((p) => !base.has(p));
  const removed = [...base.keys()].filter((p) => !head.has(p));
  const addedSet = new Set(added);
  const removedSet = new Set(removed);
  const retyped = new Set();
  const worse = side === "input" ? "breaking-callers" : "breaking-readers";

  // A field whose type changed reports once: its children come and go with it.
  for (const [path, b] of base) {
    const h = head.get(path);
    if (h && b.type !== h.type) retyped.add(path);
  }
  const covered = (path, set) => ancestors(path).some((a) => set.has(a) || retyped.has(a));

  // A top-level input field that changed location (query → body, …) is one "moved" change.
  for (const [path, b] of base) {
    const h = head.get(path);
    if (side === "input" && h && b.in && h.in && b.in !== h.in) {
      push({ kind: "parameter-moved", side, location: path, before: b.in, after: h.in, class: worse });
    }
  }

  for (const path of added) {
    if (covered(path, addedSet)) continue;
    const h = head.get(path);
    const variant = /<([^>]*)>$/.exec(path);
    if (variant) {
      // A new union member: new input possibilities, or a response case the clients keep as unrecognised.
      if (!base.has(parentPath(path))) continue;
      push({ kind: "variant-added", side, location: parentPath(path), value: variant[1], class: side === "input" ? "additive" : "tolerated" });
      continue;
    }
    if (path === "(body)" || path === "(response)") {
      push({ kind: "field-added", side, location: path, after: describe(h), class: side === "input" && h.required ? worse : "additive" });
      continue;
    }
    const cls = side === "input" ? (h.required && !/\[\]|\{\}/.test(path.slice(-2)) ? worse : "additive") : "additive";
    push({ kind: "field-added", side, location: path, after: describe(h), class: cls });
  }
  for (const path of removed) {
    if (covered(path, removedSet)) continue;
    const variant = /<([^>]*)>$/.exec(path);
    if (variant) {
      if (!head.has(parentPath(path))) continue;
      push({ kind: "variant-removed", side, location: parentPath(path), value: variant[1], class: worse });
      continue;
    }
    push({ kind: "field-removed", side, location: path, before: describe(base.get(path)), class: worse });
  }

  for (const [path, b] of base) {
    const h = head.get(path);
    if (!h || covered(path, removedSet)) continue;
    if (b.type !== h.type) {
      if (!(path === "(response)")) push({ kind: "type", side, location: path, before: b.type, after: h.type, class: worse });
      continue;
    }
    if (path === "(response)") {
      if (!same(b.status, h.status)) push({ kind: "response", side, location: "(response).status", before: b.status, after: h.status, class: worse });
      if (!same(b.media, h.media)) push({ kind: "response", side, location: "(response).media", before: b.media, after: h.media, class: worse });
      continue;
    }
    if ((b.required ?? false) !== (h.required ?? false) && b.required !== undefined && h.required !== undefined) {
      let cls;
      if (side === "input") {
        // A body that becomes required while every field in it stays optional changes no caller's code: the
        // client sends `{}` for an empty input.
        const onlyOptional = path === "(body)" && ![...head].some(([p, e]) => p !== "(body)" && !p.includes(".") && e.in === "body" && e.required);
        cls = h.required ? (onlyOptional ? "tolerated" : worse) : "additive";
      } else cls = h.required ? "additive" : worse;
      push({ kind: "required", side, location: path, before: b.required, after: h.required, class: cls });
    }
    if ((b.format ?? null) !== (h.format ?? null)) {
      let cls = "tolerated";
      if (side === "input") cls = h.format ? worse : "additive";
      const own = foreign && b.ownLimits && !h.format;
      push({ kind: "format", side, location: path, before: b.format ?? null, after: h.format ?? null, class: cls, own });
    }
    if ((b.const ?? null) !== (h.const ?? null)) push({ kind: "const", side, location: path, before: b.const ?? null, after: h.const ?? null, class: worse });
    if (b.enum || h.enum) {
      const be = new Set(b.enum ?? []);
      const he = new Set(h.enum ?? []);
      if (!b.enum || !h.enum) {
        // An enum that appears or disappears restricts or frees the values.
        const narrower = !b.enum;
        push({
          kind: narrower ? "enum-added" : "enum-removed",
          side,
          location: path,
          before: b.enum ?? null,
          after: h.enum ?? null,
          class: side === "input" ? (narrower ? worse : "additive") : narrower ? "additive" : "tolerated",
        });
      } else {
        for (const v of he) if (!be.has(v)) push({ kind: "enum-value-added", side, location: path, value: v, class: side === "input" ? "additive" : "tolerated" });
        for (const v of be) if (!he.has(v)) push({ kind: "enum-value-removed", side, location: path, value: v, class: worse });
      }
    }
    const bc = b.constraints ?? {};
    const hc = h.constraints ?? {};
    for (const keyword of [...new Set([...Object.keys(bc), ...Object.keys(hc)])].sort()) {
      const before = bc[keyword] ?? null;
      const after = hc[keyword] ?? null;
      if (same(before, after)) continue;
      let cls = "tolerated"; // the clients do not check response constraints
      if (side === "input") {
        const stricter = before === null || (after !== null && (STRICTER[keyword]?.(before, after) ?? true));
        cls = stricter ? INPUT_CLASS.worse : INPUT_CLASS.better;
      }
      // Our own limits (x-payspec-limit-source: payspec) are absent from a provider's document by design.
      const own = foreign && b.ownLimits && after === null;
      push({ kind: "constraint", side, location: path, value: keyword, before, after, class: cls, own });
    }
  }
}

function describe(entry) {
  if (!entry) return null;
  const out = { type: entry.type };
  for (const key of ["in", "required", "format", "enum", "const", "schema", "media", "status"]) if (entry[key] !== undefined) out[key] = entry[key];
  return out;
}

/** Every change between two normalised documents, classified; `foreign` as for `diffFields`. */
export function diffModels(base, head, { foreign = false } = {}) {
  const changes = [];
  const keys = [...new Set([...base.operations.keys(), ...head.operations.keys()])].sort();
  const errorTypesBefore = new Set([...base.operations.values()].flatMap((op) => [...op.errors.keys()]));
  const errorTypesAfter = new Set([...head.operations.values()].flatMap((op) => [...op.errors.keys()]));
  for (const key of keys) {
    const b = base.operations.get(key);
    const h = head.operations.get(key);
    const op = h ?? b;
    const push = (change) => {
      const { own, ...rest } = change;
      const full = { operation: b?.id ?? h.id, method: op.method, path: (b ?? h).path, ...rest };
      full.key = [full.kind, full.location, full.value].filter((x) => x !== undefined).join(":");
      if (own) full.deviation = "payspec's own limit (x-payspec-limit-source: payspec), not in the provider's document";
      const recorded = [...(b?.deviations ?? []), ...(h?.deviations ?? [])].find((d) => d?.change === full.key);
      if (recorded) full.deviation = String(recorded.reason ?? "recorded in the spec");
      changes.push(full);
    };
    if (!b) {
      push({ kind: "operation-added", side: "operation", location: key, class: "additive" });
      continue;
    }
    if (!h) {
      push({ kind: "operation-removed", side: "operation", location: key, class: "breaking-callers" });
      continue;
    }
    if (b.stability !== h.stability) {
      push({ kind: "stability", side: "operation", location: "(operation)", before: b.stability, after: h.stability, class: "docs" });
    }
    if (!same(b.auth, h.auth)) {
      // Losing every requirement is harmless (the client still sends credentials); any other change is not.
      const cls = same(h.auth, ["none"]) ? "tolerated" : b.auth.every((a) => h.auth.includes(a)) ? "additive" : "breaking-callers";
      push({ kind: "auth", side: "operation", location: "(security)", before: b.auth, after: h.auth, class: cls });
    }
    if ((b.hashRule ?? null) !== (h.hashRule ?? null)) {
      push({ kind: "auth", side: "operation", location: "(hash)", before: b.hashRule ?? null, after: h.hashRule ?? null, class: "breaking-callers" });
    }
    diffFields("input", b.input, h.input, push, { foreign });
    diffFields("output", b.output, h.output, push, { foreign });
    for (const [type, status] of h.errors) {
      if (!b.errors.has(type)) {
        push({ kind: "error-added", side: "errors", location: type, after: status, class: "tolerated", newType: !errorTypesBefore.has(type) });
      } else if (b.errors.get(type) !== status) {
        push({ kind: "error-status", side: "errors", location: type, before: b.errors.get(type), after: status, class: "tolerated" });
      }
    }
    for (const [type, status] of b.errors) {
      if (!h.errors.has(type)) push({ kind: "error-removed", side: "errors", location: type, before: status, class: "breaking-readers", goneType: !errorTypesAfter.has(type) });
    }
  }
  for (const code of [...head.catalogue].sort()) {
    if (!base.catalogue.has(code)) changes.push(catalogueChange("catalogue-code-added", code, "additive"));
  }
  for (const code of [...base.catalogue].sort()) {
    if (!head.catalogue.has(code)) changes.push(catalogueChange("catalogue-code-removed", code, "breaking-readers"));
  }
  return changes;
}

function catalogueChange(kind, code, cls) {
  return { operation: "(catalogue)", method: null, path: null, kind, side: "catalogue", location: code, class: cls, key: `${kind}:${code}` };
}
