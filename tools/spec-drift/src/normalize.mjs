// Turns one bundled OpenAPI document into the model the diff compares: per operation (keyed by method and path
// template, so that renamed operationIds still match), its input fields, success response, error types, stability
// and auth. Everything that does not change behaviour is left out: descriptions, examples, ordering, `$ref` versus
// inline, `allOf` layering, our `x-` notes. What a union member is called is its discriminator value, so our
// `const`-tagged members and a provider's discriminator mapping meet on the same name.

const METHODS = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];
const CONSTRAINTS = [
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "multipleOf",
  "minLength",
  "maxLength",
  "pattern",
  "minItems",
  "maxItems",
  "uniqueItems",
  "minProperties",
  "maxProperties",
];
// A schema nested deeper than this is not walked further (a guard; real documents stay far below it).
const MAX_DEPTH = 24;

/** The operation key: method and path with parameter names blanked (`GET /payments/{}`). */
export const operationKey = (method, path) => `${method.toUpperCase()} ${path.replace(/\{[^}]*\}/g, "{}")}`;

function makeResolver(doc) {
  // Every discriminator mapping of the document, target → value: an error schema that a provider tags only in the
  // mapping of its union (its own `type` is a plain string) still has a name when met alone.
  const tags = new Map();
  const collect = (node, depth) => {
    if (!node || typeof node !== "object" || depth > 64) return;
    if (node.discriminator?.mapping) for (const [value, target] of Object.entries(node.discriminator.mapping)) if (!tags.has(target)) tags.set(target, value);
    for (const child of Object.values(node)) collect(child, depth + 1);
  };
  collect(doc.components?.schemas, 0);
  resolve.tagOf = (ref) => tags.get(ref);
  return resolve;
  function resolve(node) {
    let name;
    let hops = 0;
    while (node && typeof node === "object" && typeof node.$ref === "string" && hops++ < 32) {
      const ref = node.$ref;
      if (!ref.startsWith("#/")) throw new Error(`unresolved external $ref ${ref}: bundle the document first`);
      name = decodeURIComponent(ref.slice(ref.lastIndexOf("/") + 1)).replace(/~1/g, "/").replace(/~0/g, "~");
      let target = doc;
      for (const raw of ref.slice(2).split("/")) target = target?.[decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~")];
      node = target;
    }
    return { node: node ?? {}, name };
  }
}

const sortedUnique = (values) => [...new Set(values.map((v) => (typeof v === "string" ? v : JSON.stringify(v))))].sort();
// Names used inside field paths must not contain the path's own separators.
const tagText = (value) => String(value).replace(/[.<>[\]{}]/g, "_");

function typeOf(schema) {
  let types = Array.isArray(schema.type) ? [...schema.type] : schema.type ? [schema.type] : [];
  if (schema.nullable === true) types.push("null");
  if (types.length === 0) {
    if (schema.properties || schema.additionalProperties) types = ["object"];
    else if (schema.items) types = ["array"];
    else if (schema.oneOf || schema.anyOf) types = ["union"];
    else if (schema.const !== undefined) types = [schema.const === null ? "null" : typeof schema.const];
    else if (Array.isArray(schema.enum) && schema.enum.length > 0) types = sortedUnique(schema.enum.map((v) => (v === null ? "null" : typeof v)));
  }
  // OpenAPI's `integer` is a `number` to JSON; keep the distinction, it changes the generated validation.
  return sortedUnique(types).join("|") || "any";
}

/**
 * Merges an `allOf` (recursively, through `$ref`s) into one schema: properties and required lists joined,
 * the first value of every other keyword kept.
 */
function flattenAllOf(schema, resolve, seen = new Set()) {
  if (!Array.isArray(schema.allOf)) return schema;
  const merged = { ...schema };
  delete merged.allOf;
  merged.properties = { ...(schema.properties ?? {}) };
  merged.required = [...(schema.required ?? [])];
  for (const part of schema.allOf) {
    const { node, name } = resolve(part);
    if (name && seen.has(name)) continue;
    const flat = flattenAllOf(node, resolve, new Set([...seen, ...(name ? [name] : [])]));
    Object.assign(merged.properties, flat.properties ?? {});
    merged.required.push(...(flat.required ?? []));
    for (const [key, value] of Object.entries(flat)) {
      if (key === "properties" || key === "required") continue;
      if (merged[key] === undefined) merged[key] = value;
    }
  }
  if (Object.keys(merged.properties).length === 0 && !schema.properties) delete merged.properties;
  return merged;
}

/** The tag of each member of a `oneOf`/`anyOf`: its discriminator value where there is one, else its name. */
function memberTags(schema, members, resolve) {
  const resolved = members.map((m) => ({ ref: m, ...resolve(m) }));
  const mapping = schema.discriminator?.mapping ?? {};
  const byRef = new Map(Object.entries(mapping).map(([value, ref]) => [ref, value]));
  let property = schema.discriminator?.propertyName;
  if (!property) {
    // Without a discriminator, a property that is a `const` (or one-value enum) in every member acts as one.
    const candidates = Object.keys(flattenAllOf(resolved[0]?.node ?? {}, resolve).properties ?? {});
    property = candidates.find((p) =>
      resolved.every(({ node }) => {
        const prop = resolve(flattenAllOf(node, resolve).properties?.[p]).node;
        return prop.const !== undefined || (Array.isArray(prop.enum) && prop.enum.length === 1);
      }),
    );
  }
  return {
    property,
    members: resolved.map(({ ref, node, name }, index) => {
      const flat = flattenAllOf(node, resolve);
      const prop = property ? resolve(flat.properties?.[property]).node : {};
      const value =
        (typeof ref?.$ref === "string" ? byRef.get(ref.$ref) ?? resolve.tagOf(ref.$ref) : undefined) ??
        prop.const ??
        (Array.isArray(prop.enum) && prop.enum.length === 1 ? prop.enum[0] : undefined) ??
        name ??
        (flat.type && !Array.isArray(flat.type) ? flat.type : `#${index}`);
      return { tag: tagText(value), node };
    }),
  };
}

/**
 * Flattens a schema into `path → descriptor` entries. Paths: `a.b` for properties, `a[]` for array items, `a{}` for
 * map values, `a<TAG>` for a union member. A named schema met again inside itself stops the walk there.
 */
export function flattenSchema(root, resolve, { prefix = "", required, inLocation, discriminatorOf } = {}) {
  const out = new Map();
  const walk = (raw, path, isRequired, stack, depth, skipTagOf) => {
    const { node, name } = resolve(raw);
    // A `$ref` beside sibling keywords (3.1) keeps the siblings' constraints; the referenced schema gives the rest.
    const siblings = raw && typeof raw === "object" && raw.$ref ? Object.fromEntries(Object.entries(raw).filter(([k]) => k !== "$ref")) : {};
    const schema = flattenAllOf({ ...node, ...siblings }, resolve);
    const entry = { type: typeOf(schema) };
    if (isRequired !== undefined) entry.required = isRequired;
    if (inLocation) entry.in = inLocation;
    if (name) entry.schema = name;
    if (schema.format) entry.format = schema.format;
    if (!skipTagOf) {
      if (Array.isArray(schema.enum)) entry.enum = sortedUnique(schema.enum);
      if (schema.const !== undefined) entry.const = typeof schema.const === "string" ? schema.const : JSON.stringify(schema.const);
    }
    const constraints = {};
    for (const key of CONSTRAINTS) if (schema[key] !== undefined) constraints[key] = schema[key];
    if (Object.keys(constraints).length > 0) entry.constraints = constraints;
    if (schema["x-payspec-limit-source"] === "payspec") entry.ownLimits = true;
    out.set(path, entry);

    if (name && stack.includes(name)) {
      entry.recursive = true;
      return;
    }
    if (depth >= MAX_DEPTH) return;
    const nextStack = name ? [...stack, name] : stack;
    const join = (key) => (path ? `${path}.${key}` : key);
    const requiredSet = new Set(schema.required ?? []);
    for (const [key, value] of Object.entries(schema.properties ?? {})) {
      walk(value, join(tagText(key)), requiredSet.has(key), nextStack, depth + 1, undefined);
    }
    if (schema.items && typeof schema.items === "object") walk(schema.items, `${path}[]`, undefined, nextStack, depth + 1, undefined);
    if (schema.additionalProperties && typeof schema.additionalProperties === "object") {
      walk(schema.additionalProperties, `${path}{}`, undefined, nextStack, depth + 1, undefined);
    }
    const members = schema.oneOf ?? schema.anyOf;
    if (Array.isArray(members)) {
      const { property, members: tagged } = memberTags(schema, members, resolve);
      entry.variants = sortedUnique(tagged.map((m) => m.tag));
      for (const member of tagged) {
        const memberPath = `${path}<${member.tag}>`;
        const before = out.size;
        walk(member.node, memberPath, undefined, nextStack, depth + 1, undefined);
        // The discriminator property of a member is its tag: our `const` and a provider's plain string agree.
        const tagField = out.get(`${memberPath}.${tagText(property ?? "")}`);
        if (property && tagField && out.size > before) {
          delete tagField.enum;
          delete tagField.const;
          tagField.type = "string";
        }
        if (discriminatorOf) discriminatorOf.set(memberPath, property);
      }
    }
  };
  walk(root, prefix, required, [], 0, undefined);
  return out;
}

function securityText(doc, requirement, resolve) {
  const schemes = doc.components?.securitySchemes ?? {};
  if (!Array.isArray(requirement) || requirement.length === 0) return ["none"];
  return sortedUnique(
    requirement.map((alternative) => {
      const names = Object.keys(alternative ?? {});
      if (names.length === 0) return "none";
      return names
        .map((n) => {
          const scheme = { ...resolve(schemes[n]).node, ...(resolve(schemes[n]).node["x-payspec-original-scheme"] ?? {}) };
          if (scheme.type === "http") return `http ${String(scheme.scheme ?? "").toLowerCase()}`;
          if (scheme.type === "apiKey") return `apiKey ${scheme.in} ${scheme.name}`;
          return String(scheme.type ?? n);
        })
        .sort()
        .join(" + ");
    }),
  );
}

/** Error types of one error schema: `{type → status}` read from each union member. */
function errorTypes(raw, responseStatus, resolve, into, stack = []) {
  const { node, name } = resolve(raw);
  if (name && stack.includes(name)) return;
  const schema = flattenAllOf(node, resolve);
  const members = schema.oneOf ?? schema.anyOf;
  if (Array.isArray(members)) {
    const { members: tagged } = memberTags(schema, members, resolve);
    tagged.forEach((member, i) => {
      const memberRaw = members[i];
      const { node: leafNode } = resolve(memberRaw);
      const leaf = flattenAllOf(leafNode, resolve);
      if (leaf.oneOf || leaf.anyOf) errorTypes(memberRaw, responseStatus, resolve, into, name ? [...stack, name] : stack);
      else add(member.tag, leaf);
    });
    return;
  }
  const typeProp = resolve(schema.properties?.type).node;
  const tag =
    typeProp.const ??
    (Array.isArray(typeProp.enum) && typeProp.enum.length === 1 ? typeProp.enum[0] : undefined) ??
    (typeof raw?.$ref === "string" ? resolve.tagOf(raw.$ref) : undefined) ??
    name;
  if (tag !== undefined) add(tagText(tag), schema);

  function add(tag, leaf) {
    const status = String(leaf["x-error-status"] ?? leaf["x-portone-status-code"] ?? responseStatus);
    const previous = into.get(tag);
    into.set(tag, previous && previous !== status ? sortedUnique([...previous.split("|"), status]).join("|") : status);
  }
}

const jsonMedia = (content) => Object.keys(content ?? {}).find((m) => /json/i.test(m));

/** The model of one document. */
export function normalizeDocument(doc) {
  const resolve = makeResolver(doc);
  const operations = new Map();
  for (const [path, rawItem] of Object.entries(doc.paths ?? {})) {
    const item = resolve(rawItem).node;
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const key = operationKey(method, path);
      const params = [...(item.parameters ?? []), ...(op.parameters ?? [])].map((p) => resolve(p).node);
      // Operation-level parameters override path-level ones of the same name and location.
      const byName = new Map(params.map((p) => [`${p.in}:${p.name}`, p]));

      const input = new Map();
      const examples = { input: [], output: [], errors: [] };
      let bodySchema;
      let bodyRequired = false;
      let bodyMedia = [];
      for (const p of byName.values()) {
        const schemaOf = p.schema ?? p.content?.[jsonMedia(p.content) ?? Object.keys(p.content ?? {})[0]]?.schema;
        // PortOne's "query or body" input: the JSON object sent URL-encoded in the `requestBody` query
        // parameter is the operation's body, however the document spells it.
        if (p.in === "query" && p.name === "requestBody" && (p.content || resolve(schemaOf).node.properties || schemaOf?.$ref)) {
          bodySchema ??= schemaOf;
          bodyRequired ||= p.required === true || p["x-portone-query-or-body"]?.required === true;
          bodyMedia.push("application/json");
          continue;
        }
        for (const [path2, entry] of flattenSchema(schemaOf ?? {}, resolve, { prefix: tagText(p.name), required: p.in === "path" || p.required === true, inLocation: p.in })) {
          if (path2 !== tagText(p.name)) delete entry.in;
          input.set(path2, entry);
        }
      }
      const body = resolve(op.requestBody).node;
      if (body.content) {
        const media = jsonMedia(body.content) ?? Object.keys(body.content)[0];
        bodySchema = body.content[media]?.schema ?? bodySchema;
        bodyRequired ||= body.required === true;
        bodyMedia.push(...Object.keys(body.content));
      }
      if (bodySchema) {
        const fields = flattenSchema(bodySchema, resolve, { prefix: "", required: bodyRequired });
        const root = fields.get("");
        fields.delete("");
        input.set("(body)", { ...root, media: sortedUnique(bodyMedia), required: bodyRequired });
        for (const [path2, entry] of fields) {
          // Top-level body fields are named like parameters: a parameter that moves into the body is one field.
          if (!path2.includes(".") && !path2.includes("[") && !path2.includes("{") && !path2.includes("<")) entry.in = "body";
          input.set(path2, entry);
        }
      }

      const output = new Map();
      const errors = new Map();
      for (const [status, rawResponse] of Object.entries(op.responses ?? {})) {
        const response = resolve(rawResponse).node;
        const content = response.content ?? {};
        if (/^2/.test(status)) {
          const media = jsonMedia(content);
          const previous = output.get("(response)");
          output.set("(response)", {
            type: "response",
            status: sortedUnique([...(previous?.status ?? []), status]),
            media: sortedUnique([...(previous?.media ?? []), ...Object.keys(content)]),
          });
          if (media && content[media].schema) {
            for (const [path2, entry] of flattenSchema(content[media].schema, resolve, { prefix: "" })) if (path2) output.set(path2, entry);
          }
          for (const m of Object.values(content)) examples.output.push(...Object.keys(m.examples ?? {}));
        } else {
          const media = jsonMedia(content) ?? Object.keys(content)[0];
          if (media && content[media].schema) errorTypes(content[media].schema, status, resolve, errors);
          for (const m of Object.values(content)) examples.errors.push(...Object.keys(m.examples ?? {}));
        }
      }
      // PaySsam and PortOne Global answer business errors inside a 200: the codes an operation can return are
      // listed by our specs' `x-result-codes` / `x-status-codes`.
      for (const listName of ["x-result-codes", "x-status-codes"]) {
        const list = op[listName];
        if (!list) continue;
        for (const [how, codes] of Object.entries(list)) for (const code of codes ?? []) if (!errors.has(String(code))) errors.set(String(code), `code (${how})`);
      }
      for (const p of byName.values()) {
        examples.input.push(...Object.keys(p.examples ?? {}), ...Object.values(p.content ?? {}).flatMap((m) => Object.keys(m.examples ?? {})));
      }
      for (const m of Object.values(body.content ?? {})) examples.input.push(...Object.keys(m.examples ?? {}));

      const stability =
        op["x-stability"] ?? (op["x-portone-unstable"] === true || op["x-unstable"] === true ? "unstable" : op.deprecated === true ? "deprecated" : "stable");
      operations.set(key, {
        key,
        id: op.operationId ?? key,
        providerId: op["x-provider-operation-id"] ?? op.operationId ?? key,
        method: method.toUpperCase(),
        path,
        category: op["x-portone-category"] ?? op.tags?.[0],
        stability,
        auth: securityText(doc, op.security ?? doc.security, resolve),
        input,
        output,
        errors,
        hashRule: op["x-hash-rule"],
        examples: Object.fromEntries(Object.entries(examples).map(([k, v]) => [k, sortedUnique(v)])),
        deviations: Array.isArray(op["x-payspec-deviations"]) ? op["x-payspec-deviations"] : [],
      });
    }
  }
  // Result/status-code catalogues of our specs (PaySsam, PortOne Global): the error-code packages are generated
  // from them, whatever the operations list.
  const catalogue = new Set();
  for (const schema of Object.values(doc.components?.schemas ?? {})) {
    for (const ext of ["x-result-code-catalogue", "x-status-catalogue"]) {
      for (const row of Array.isArray(schema?.[ext]) ? schema[ext] : []) if (row?.code !== undefined) catalogue.add(String(row.code));
    }
  }
  return {
    catalogue,
    title: doc.info?.title,
    version: doc.info?.version,
    ours: doc.info?.["x-provider-reference-version"] !== undefined,
    servers: (doc.servers ?? []).map((s) => s.url),
    operations,
  };
}
