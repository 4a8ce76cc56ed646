// A small Kustomize renderer for machines without `kubectl kustomize`: it understands exactly the
// kustomization fields deploy/k8s uses and refuses any other, so it cannot silently render
// something different. Where kubectl is present, validate.mjs renders with both and requires the
// same objects, which keeps this file honest.
import { readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseAllDocuments, parse } from "yaml";

const KNOWN_FIELDS = new Set([
  "apiVersion", "kind", "namespace", "labels", "resources", "images", "patches",
  "secretGenerator", "generatorOptions",
]);

export function parseYamlDocuments(text, source) {
  const objects = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length > 0) throw new Error(`${source}: ${doc.errors[0].message}`);
    const value = doc.toJS();
    if (value != null) objects.push(value);
  }
  return objects;
}

/** Renders the kustomization in `dir` to a list of plain objects. */
export function render(dir) {
  const path = join(dir, "kustomization.yaml");
  const k = parse(readFileSync(path, "utf8"));
  for (const field of Object.keys(k)) {
    if (!KNOWN_FIELDS.has(field)) throw new Error(`${path}: field '${field}' is not supported by the built-in renderer`);
  }

  let objects = [];
  for (const entry of k.resources ?? []) {
    const target = resolve(dir, entry);
    objects.push(...(statSync(target).isDirectory()
      ? render(target)
      : parseYamlDocuments(readFileSync(target, "utf8"), target)));
  }
  objects.push(...generateSecrets(k, path));

  for (const p of k.patches ?? []) applyPatch(objects, p, dir, path);
  if (k.namespace) for (const o of objects) o.metadata.namespace = k.namespace;
  for (const set of k.labels ?? []) applyLabels(objects, set, path);
  for (const image of k.images ?? []) {
    for (const field of Object.keys(image)) {
      if (!["name", "newName", "newTag", "digest"].includes(field)) throw new Error(`${path}: images.${field} is not supported`);
    }
    applyImage(objects, image);
  }
  return objects;
}

function generateSecrets(k, path) {
  const options = k.generatorOptions ?? {};
  for (const field of Object.keys(options)) {
    if (field !== "disableNameSuffixHash") throw new Error(`${path}: generatorOptions.${field} is not supported`);
  }
  if ((k.secretGenerator ?? []).length > 0 && options.disableNameSuffixHash !== true) {
    // Kustomize would append a content hash to the name and rewrite references to it.
    throw new Error(`${path}: secretGenerator needs generatorOptions.disableNameSuffixHash: true here`);
  }
  return (k.secretGenerator ?? []).map(g => {
    for (const field of Object.keys(g)) {
      if (field !== "name" && field !== "literals") throw new Error(`${path}: secretGenerator.${field} is not supported`);
    }
    const data = {};
    for (const literal of g.literals ?? []) {
      const at = literal.indexOf("=");
      data[literal.slice(0, at)] = Buffer.from(literal.slice(at + 1), "utf8").toString("base64");
    }
    return { apiVersion: "v1", kind: "Secret", metadata: { name: g.name }, type: "Opaque", data };
  });
}

function applyPatch(objects, p, dir, path) {
  const text = p.patch ?? readFileSync(resolve(dir, p.path), "utf8");
  const ops = parse(text);
  if (!Array.isArray(ops)) throw new Error(`${path}: only JSON 6902 patches (a list of operations) are supported`);
  const t = p.target ?? {};
  for (const field of Object.keys(t)) {
    if (field !== "kind" && field !== "name") throw new Error(`${path}: patch target.${field} is not supported`);
  }
  const targets = objects.filter(o => (!t.kind || o.kind === t.kind) && (!t.name || o.metadata.name === t.name));
  if (targets.length === 0) throw new Error(`${path}: a patch matches nothing (${JSON.stringify(t)})`);
  for (const o of targets) for (const op of ops) applyOperation(o, op, path);
}

function applyOperation(object, op, path) {
  const keys = op.path.split("/").slice(1).map(s => s.replace(/~1/g, "/").replace(/~0/g, "~"));
  const last = keys.pop();
  let parent = object;
  for (const key of keys) {
    parent = Array.isArray(parent) ? parent[Number(key)] : parent?.[key];
    if (parent == null) throw new Error(`${path}: patch path ${op.path} does not exist in ${object.kind}/${object.metadata.name}`);
  }
  const exists = Array.isArray(parent) ? Number(last) < parent.length : Object.hasOwn(parent, last);
  switch (op.op) {
    case "add":
      if (Array.isArray(parent)) parent.splice(last === "-" ? parent.length : Number(last), 0, op.value);
      else parent[last] = op.value;
      break;
    case "replace":
      if (!exists) throw new Error(`${path}: replace of missing ${op.path} in ${object.kind}/${object.metadata.name}`);
      parent[last] = op.value;
      break;
    case "remove":
      if (!exists) throw new Error(`${path}: remove of missing ${op.path} in ${object.kind}/${object.metadata.name}`);
      if (Array.isArray(parent)) parent.splice(Number(last), 1); else delete parent[last];
      break;
    default:
      throw new Error(`${path}: patch operation '${op.op}' is not supported`);
  }
}

function applyLabels(objects, set, path) {
  for (const field of Object.keys(set)) {
    if (field !== "pairs") throw new Error(`${path}: labels.${field} is not supported (only metadata labels)`);
  }
  for (const o of objects) o.metadata.labels = { ...(o.metadata.labels ?? {}), ...set.pairs };
}

function applyImage(objects, image) {
  const rewrite = container => {
    const [reference, digest] = container.image.split("@");
    const colon = reference.lastIndexOf(":");
    const hasTag = colon > reference.lastIndexOf("/");
    const name = hasTag ? reference.slice(0, colon) : reference;
    if (name !== image.name) return;
    const suffix = image.digest ? `@${image.digest}`
      : image.newTag ? `:${image.newTag}`
        : digest ? `@${digest}` : hasTag ? reference.slice(colon) : "";
    container.image = `${image.newName ?? name}${suffix}`;
  };
  const visit = node => {
    if (Array.isArray(node)) { node.forEach(visit); return; }
    if (node === null || typeof node !== "object") return;
    for (const [key, value] of Object.entries(node)) {
      if ((key === "containers" || key === "initContainers") && Array.isArray(value)) value.forEach(rewrite);
      visit(value);
    }
  };
  visit(objects);
}
