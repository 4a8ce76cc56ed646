// Offline checks of the deployment files, run by deploy/validate-deploy.sh:
//   node deploy/k8s/validate/validate.mjs
// For each overlay under deploy/k8s/overlays: render it (the built-in renderer, and `kubectl
// kustomize` when present, which must agree), validate every object against the Kubernetes API
// schemas (npm kubernetes-models; RabbitmqCluster against the fields of rabbitmq.com/v1beta1 we
// use), and apply the policy rules below. Then check that docker-compose.yml and the Prometheus
// config agree. Prints one line per check and exits non-zero if any failed.
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { parseYamlDocuments, render } from "./kustomize.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, "../../..");
const OVERLAYS = join(ROOT, "deploy/k8s/overlays");

// Secrets the manifests reference but never contain in production: created by the operations team
// (workforce-postgres, workforce-auth) or by the RabbitMQ cluster operator (…-default-user).
const EXTERNAL_SECRETS = {
  "workforce-postgres": ["workforce", "caseload", "supervision"],
  "workforce-auth": ["signing-key"],
  "workforce-rabbitmq-default-user": ["username", "password"],
};
// A plaintext value that looks like a credential: a password in a connection string, a key, or
// user:password in a URI that is not made of $(VAR) references.
const CREDENTIAL = /(password|pwd)\s*=|signing-?key|secret|amqps?:\/\/(?!\$\()[^/@\s]*:(?!\$\()[^/@\s]+@/i;
// Settings that hold credentials whatever their value: only ever from a Secret.
const SECRET_NAME = /password|signingkey|secret|token|connectionstrings__postgres/i;

let passed = 0;
let failed = 0;

async function check(name, body) {
  const problems = [];
  try {
    await body(message => problems.push(message));
  } catch (error) {
    problems.push(error.message);
  }
  if (problems.length === 0) {
    passed++;
    console.log(`  ok   ${name}`);
  } else {
    failed++;
    console.log(`  FAIL ${name}`);
    for (const p of problems) console.log(`         ${p}`);
  }
}

const id = o => `${o.kind}/${o.metadata?.name}`;
const canonical = value =>
  Array.isArray(value) ? value.map(canonical)
    : value !== null && typeof value === "object"
      ? Object.fromEntries(Object.keys(value).sort().map(k => [k, canonical(value[k])]))
      : value;
const sorted = objects => [...objects].sort((a, b) => id(a).localeCompare(id(b)));
// kubectl wraps long base64 values over lines (a YAML block); the API server ignores the breaks.
const unwrapSecretData = o => o.kind === "Secret" && o.data
  ? { ...o, data: Object.fromEntries(Object.entries(o.data).map(([k, v]) => [k, String(v).replace(/\s+/g, "")])) }
  : o;
const selects = (selector, labels) =>
  Object.entries(selector?.matchLabels ?? {}).every(([k, v]) => labels?.[k] === v);

// KUBECTL names another binary, or one that does not exist to try the built-in renderer alone.
const KUBECTL = process.env.KUBECTL || "kubectl";

function kubectlAvailable() {
  try {
    execFileSync(KUBECTL, ["version", "--client"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

// ---- structure ---------------------------------------------------------------------------------

async function validateStructure(o, problem) {
  if (o.apiVersion === "rabbitmq.com/v1beta1" && o.kind === "RabbitmqCluster") {
    await validateRabbitmqCluster(o, problem);
    return;
  }
  let model;
  try {
    model = (await import(`kubernetes-models/${o.apiVersion}/${o.kind}`))[o.kind];
  } catch {
    problem(`${id(o)}: unknown apiVersion/kind ${o.apiVersion} ${o.kind}`);
    return;
  }
  await validateAs(model, o, id(o), problem);
}

async function validateAs(model, value, where, problem) {
  try {
    new model(value).validate();
  } catch (error) {
    problem(`${where}: ${error.message}`);
  }
}

// The RabbitMQ cluster operator's CRD is not in kubernetes-models: check the fields we use, by the
// rules of its OpenAPI schema (rabbitmq.com/v1beta1), and refuse any field it does not have.
async function validateRabbitmqCluster(o, problem) {
  const where = id(o);
  const unknown = (value, allowed, at) => {
    for (const key of Object.keys(value ?? {})) if (!allowed.includes(key)) problem(`${where}: unknown field ${at}.${key}`);
  };
  const { ObjectMeta } = await import("@kubernetes-models/apimachinery/apis/meta/v1/ObjectMeta");
  const { ResourceRequirements } = await import("kubernetes-models/v1/ResourceRequirements");
  const { Affinity } = await import("kubernetes-models/v1/Affinity");
  const { Toleration } = await import("kubernetes-models/v1/Toleration");
  unknown(o, ["apiVersion", "kind", "metadata", "spec"], "");
  await validateAs(ObjectMeta, o.metadata, `${where} metadata`, problem);
  const s = o.spec ?? {};
  unknown(s, ["replicas", "image", "imagePullSecrets", "service", "persistence", "resources", "affinity",
    "tolerations", "rabbitmq", "tls", "override", "skipPostDeploySteps", "terminationGracePeriodSeconds",
    "delayStartSeconds", "secretBackend"], "spec");
  if (!Number.isInteger(s.replicas) || s.replicas < 0) problem(`${where}: spec.replicas must be an integer >= 0`);
  if (s.image !== undefined && typeof s.image !== "string") problem(`${where}: spec.image must be a string`);
  if (s.resources) await validateAs(ResourceRequirements, s.resources, `${where} spec.resources`, problem);
  if (s.affinity) await validateAs(Affinity, s.affinity, `${where} spec.affinity`, problem);
  for (const t of s.tolerations ?? []) await validateAs(Toleration, t, `${where} spec.tolerations`, problem);
  unknown(s.persistence, ["storage", "storageClassName"], "spec.persistence");
  if (s.persistence?.storage !== undefined && !/^\d+(\.\d+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$/.test(String(s.persistence.storage))) {
    problem(`${where}: spec.persistence.storage is not a quantity`);
  }
  unknown(s.service, ["type", "annotations", "ipFamilyPolicy"], "spec.service");
  if (s.service?.type && !["ClusterIP", "LoadBalancer", "NodePort"].includes(s.service.type)) {
    problem(`${where}: spec.service.type must be ClusterIP, LoadBalancer or NodePort`);
  }
  const r = s.rabbitmq ?? {};
  unknown(r, ["additionalPlugins", "additionalConfig", "advancedConfig", "envConfig", "erlangInetConfig"], "spec.rabbitmq");
  if ((r.additionalConfig ?? "").length > 2000) problem(`${where}: spec.rabbitmq.additionalConfig is longer than 2000`);
  for (const line of (r.additionalConfig ?? "").split("\n")) {
    if (line.trim() !== "" && !line.trim().startsWith("#") && !/^\s*[\w.$-]+\s*=\s*\S/.test(line)) {
      problem(`${where}: spec.rabbitmq.additionalConfig line is not 'key = value': ${line}`);
    }
  }
  if ((r.additionalPlugins ?? []).some(p => !/^\w+$/.test(p))) problem(`${where}: spec.rabbitmq.additionalPlugins must be plugin names`);
}

// ---- policy ------------------------------------------------------------------------------------

function effectiveEnv(container, objects) {
  const env = {};
  for (const source of container.envFrom ?? []) {
    const cm = source.configMapRef && objects.find(o => o.kind === "ConfigMap" && o.metadata.name === source.configMapRef.name);
    Object.assign(env, cm?.data ?? {});
  }
  for (const e of container.env ?? []) env[e.name] = e.value ?? { from: e.valueFrom };
  return env;
}

const DATA_OWNERS = ["workforce", "caseload", "supervision"];

function checkPolicy(overlay, objects, problem) {
  const production = overlay === "production";
  const byKind = kind => objects.filter(o => o.kind === kind);
  const deployments = byKind("Deployment");
  // The three services own data and messages; the scorecard only calls them.
  const owners = deployments.filter(d => DATA_OWNERS.includes(d.metadata.name));
  if (owners.length !== 3) problem(`expected the three services' Deployments, found ${owners.length}`);
  const others = deployments.filter(d => !DATA_OWNERS.includes(d.metadata.name)).map(d => d.metadata.name);
  if (others.join() !== "scorecard") problem(`expected the scorecard beside the three services, found ${others.join(", ") || "none"}`);

  for (const o of objects) if (!o.metadata.namespace) problem(`${id(o)}: no namespace`);

  for (const d of deployments) {
    const where = id(d);
    const spec = d.spec;
    const labels = spec.template.metadata?.labels;
    if (!(spec.replicas >= 2)) problem(`${where}: replicas ${spec.replicas ?? "(unset, 1)"}; at least 2`);
    if (!selects(spec.selector, labels)) problem(`${where}: selector does not match the pod template`);

    const pdbs = byKind("PodDisruptionBudget").filter(p => selects(p.spec.selector, labels));
    if (pdbs.length !== 1) problem(`${where}: ${pdbs.length} PodDisruptionBudgets select its pods; want 1`);
    for (const p of pdbs) {
      const { minAvailable, maxUnavailable } = p.spec;
      const keeps = maxUnavailable !== undefined ? spec.replicas - maxUnavailable : minAvailable;
      const allows = maxUnavailable !== undefined ? maxUnavailable : spec.replicas - minAvailable;
      if (!(keeps >= 1 && allows >= 1)) problem(`${where}: ${id(p)} must keep one pod and allow one disruption`);
    }
    const services = byKind("Service").filter(s => selects({ matchLabels: s.spec.selector }, labels));
    if (services.length === 0) problem(`${where}: no Service selects its pods`);

    const containers = spec.template.spec.containers;
    for (const c of containers) {
      const at = `${where} container ${c.name}`;
      const ports = c.ports ?? [];
      const hasPort = port => ports.some(p => p.name === port || p.containerPort === port);
      if (!/:[\w.-]+$|@sha256:/.test(c.image) || /:latest$/.test(c.image)) problem(`${at}: image ${c.image} has no pinned tag`);
      for (const probe of ["readinessProbe", "livenessProbe"]) {
        const p = c[probe];
        if (!p) { problem(`${at}: no ${probe}`); continue; }
        const port = p.grpc?.port ?? p.httpGet?.port ?? p.tcpSocket?.port;
        if (!hasPort(port)) problem(`${at}: ${probe} port ${port} is not a container port`);
      }
      if (!c.readinessProbe?.grpc && c.readinessProbe?.httpGet?.path !== "/health/ready") {
        problem(`${at}: readiness must be the gRPC health protocol or /health/ready`);
      }
      for (const service of services) {
        for (const sp of service.spec.ports) if (!hasPort(sp.targetPort ?? sp.port)) problem(`${id(service)}: targetPort ${sp.targetPort} not in ${at}`);
      }
      const res = c.resources ?? {};
      for (const [kind, key] of [["requests", "cpu"], ["requests", "memory"], ["limits", "memory"]]) {
        if (!res[kind]?.[key]) problem(`${at}: resources.${kind}.${key} not set`);
      }

      const defined = new Set();
      for (const e of c.env ?? []) {
        if (defined.has(e.name)) problem(`${at}: env ${e.name} is set twice`);
        if (e.value !== undefined && SECRET_NAME.test(e.name)) problem(`${at}: env ${e.name} is a plain value; take it from a Secret`);
        for (const [, ref] of String(e.value ?? "").matchAll(/\$\(([\w.]+)\)/g)) {
          if (!defined.has(ref)) problem(`${at}: env ${e.name} uses $(${ref}) before it is defined`);
        }
        defined.add(e.name);
        const ref = e.valueFrom?.secretKeyRef ?? e.valueFrom?.configMapKeyRef;
        if (!ref) continue;
        const kind = e.valueFrom.secretKeyRef ? "Secret" : "ConfigMap";
        const rendered = objects.find(o => o.kind === kind && o.metadata.name === ref.name);
        if (rendered) {
          if (!Object.hasOwn({ ...rendered.data, ...rendered.stringData }, ref.key)) problem(`${at}: ${kind} ${ref.name} has no key ${ref.key}`);
        } else if (kind === "ConfigMap" || !EXTERNAL_SECRETS[ref.name]?.includes(ref.key)) {
          problem(`${at}: ${kind} ${ref.name} key ${ref.key} is neither rendered nor a documented external secret`);
        }
      }
      for (const source of c.envFrom ?? []) {
        const name = source.configMapRef?.name ?? source.secretRef?.name;
        const kind = source.configMapRef ? "ConfigMap" : "Secret";
        if (!objects.some(o => o.kind === kind && o.metadata.name === name)) problem(`${at}: envFrom ${kind} ${name} is not rendered`);
      }

      const env = effectiveEnv(c, objects);
      for (const [name, value] of Object.entries(env)) {
        if (typeof value === "string" && CREDENTIAL.test(value)) problem(`${at}: env ${name} holds a plaintext credential`);
      }
      if (!env.OTEL_EXPORTER_OTLP_ENDPOINT) problem(`${at}: OTEL_EXPORTER_OTLP_ENDPOINT is not set`);
      if (!owners.includes(d)) continue;
      if (!env.ConnectionStrings__Postgres?.from?.secretKeyRef) {
        problem(`${at}: ConnectionStrings__Postgres must come from a Secret (replicas need PostgreSQL; SQLite is single-writer)`);
      }
      const queueType = env.Messaging__QueueType;
      if (production ? queueType !== "quorum" : !["classic", "quorum"].includes(queueType)) {
        problem(`${at}: Messaging__QueueType is ${JSON.stringify(queueType)}${production ? "; production uses quorum" : ""}`);
      }
    }
  }

  for (const cm of byKind("ConfigMap")) {
    for (const [key, value] of Object.entries(cm.data ?? {})) {
      if (CREDENTIAL.test(value) || SECRET_NAME.test(key)) problem(`${id(cm)}: ${key} looks like a secret`);
    }
  }
  if (production) {
    for (const s of byKind("Secret")) problem(`${id(s)}: production must not carry secret values; reference a Secret created outside`);
  }

  const clusters = byKind("RabbitmqCluster");
  if (clusters.length !== 1) problem(`expected one RabbitmqCluster, found ${clusters.length}`);
  for (const r of clusters) {
    if (production && !(r.spec.replicas >= 3 && r.spec.replicas % 2 === 1)) {
      problem(`${id(r)}: ${r.spec.replicas} nodes; production runs an odd number, at least 3, for quorum queues`);
    }
    const amqpHost = new RegExp(`@${r.metadata.name}:5672/`);
    for (const d of owners) {
      for (const c of d.spec.template.spec.containers) {
        if (!amqpHost.test(effectiveEnv(c, objects).ConnectionStrings__RabbitMq ?? "")) problem(`${id(d)}: ConnectionStrings__RabbitMq does not point at ${r.metadata.name}`);
      }
    }
  }
}

// ---- docker-compose and Prometheus -------------------------------------------------------------

function checkCompose(problem) {
  const compose = parse(readFileSync(join(ROOT, "docker-compose.yml"), "utf8"), { merge: true });
  const prometheus = parse(readFileSync(join(ROOT, "deploy/prometheus/prometheus.yml"), "utf8"));
  const scraped = new Set(prometheus.scrape_configs
    .filter(job => (job.metrics_path ?? "/metrics") === "/metrics")
    .flatMap(job => job.static_configs.flatMap(sc => sc.targets)));
  const services = compose.services;
  const apps = Object.entries(services).filter(([, s]) => s.build);
  // The three services own data; the scorecard only calls them.
  const owners = apps.filter(([, s]) => s.environment?.ConnectionStrings__Postgres);
  if (owners.length !== 3) problem(`expected three services with a database built from Dockerfiles, found ${owners.length}`);
  for (const [name, s] of apps) {
    const env = s.environment ?? {};
    const dependencies = owners.some(([owner]) => owner === name) ? ["rabbitmq", "postgres"] : owners.map(([owner]) => owner);
    for (const dependency of dependencies) {
      if (s.depends_on?.[dependency]?.condition !== "service_healthy") problem(`${name}: does not wait for ${dependency} to be healthy`);
      if (!services[dependency]?.healthcheck) problem(`${dependency}: no healthcheck`);
    }
    if (!s.healthcheck) problem(`${name}: no healthcheck`);
    for (const key of ["OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_SERVICE_NAME"]) if (!env[key]) problem(`${name}: ${key} not set`);
    const port = /:(\d+)$/.exec(env.Kestrel__Endpoints__Http__Url ?? "")?.[1];
    if (!scraped.has(`${name}:${port}`)) problem(`${name}: its HTTP port ${port} is not scraped by deploy/prometheus/prometheus.yml`);
  }
  const mounts = services.prometheus?.volumes ?? [];
  if (!mounts.some(v => String(v).startsWith("./deploy/prometheus/prometheus.yml:"))) problem("prometheus: does not mount deploy/prometheus/prometheus.yml");
}

// ---- main --------------------------------------------------------------------------------------

const withKubectl = kubectlAvailable();
console.log(withKubectl
  ? "Kubernetes manifests: rendering with kubectl kustomize and the built-in renderer"
  : "Kubernetes manifests: kubectl not found; rendering with the built-in renderer only");

for (const overlay of readdirSync(OVERLAYS).sort()) {
  const dir = join(OVERLAYS, overlay);
  const where = relative(ROOT, dir);
  let objects = [];
  await check(`${where}: renders`, problem => {
    objects = render(dir);
    if (objects.length === 0) problem("renders no objects");
    if (!withKubectl) return;
    const text = execFileSync(KUBECTL, ["kustomize", dir], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    const reference = parseYamlDocuments(text, `kubectl kustomize ${where}`).map(unwrapSecretData);
    const ours = sorted(objects).map(o => JSON.stringify(canonical(o)));
    const theirs = sorted(reference).map(o => JSON.stringify(canonical(o)));
    const differing = [...new Set([...ours.filter(o => !theirs.includes(o)), ...theirs.filter(o => !ours.includes(o))]
      .map(o => id(JSON.parse(o))))];
    if (differing.length > 0) {
      problem(`the built-in renderer and kubectl kustomize disagree on ${differing.join(", ")} (update deploy/k8s/validate/kustomize.mjs)`);
    }
    objects = reference;
  });
  if (objects.length === 0) continue;
  await check(`${where}: ${objects.length} objects valid against the API schemas`, async problem => {
    for (const o of objects) await validateStructure(o, problem);
  });
  await check(`${where}: policy (replicas, probes, resources, PDBs, secrets, queues)`, problem => checkPolicy(overlay, objects, problem));
}
await check("docker-compose.yml: healthchecks, OTEL, Prometheus targets", checkCompose);

console.log(`Kubernetes and compose checks: ${passed} ok, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
