// The deployment check (pnpm deploy:check, run by CI): renders every kustomization under deploy/kubernetes with
// `kubectl kustomize` and checks what must hold of each release, then checks the Apollo Router configuration
// against the supergraph and the gateway's limits. `KUBECTL` may name several binaries, comma-separated (e.g. a
// current kubectl and Debian's kubectl 1.20): each renders every kustomization and the renders must agree.
//
// What it checks of every Deployment: the image is second-chance/<service>; readiness /health/ready and liveness
// /health/live on the container's port; requests and limits for CPU and memory; non-root with a numeric user, no
// privilege escalation, every capability dropped, a read-only root file system, no service-account token; each
// secret comes from a secretKeyRef to <service>-secrets (a Secret the operator creates; no Secret is rendered),
// no secret-like name has a literal value and no URL carries a password; the environment holds only variables
// the service reads (found in its source) and every one it needs in production; PORT is the container's port
// and a Service of the same name targets it; in-cluster URLs name a Service and port that exist.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { DEFAULT_LIMITS } from '../gateway/src/limits';
import { SUBGRAPHS, SUPERGRAPH_FILE, subgraphVariable, subgraphsOf } from '../gateway/src/subgraphs';

const ROOT = resolve(__dirname, '..');
const KUBERNETES = join(ROOT, 'deploy', 'kubernetes');
const ROUTER_CONFIG = join(ROOT, 'deploy', 'router', 'router.yaml');
const GATEWAY = 'gateway';
/** The gateway's request body limit (`bodyLimit` in gateway/src/server.ts: 256kb). */
const GATEWAY_BODY_LIMIT_BYTES = 256 * 1024;
/** The gateway's default SUBGRAPH_TIMEOUT_MS (gateway/src/main.ts). */
const GATEWAY_SUBGRAPH_TIMEOUT_SECONDS = 10;

// ---------------------------------------------------------------------------------------------------------------
// The parts of Kubernetes objects the check reads.

interface Metadata {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
}
interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    secretKeyRef?: { name: string; key: string; optional?: boolean };
    configMapKeyRef?: { name: string; key: string };
    fieldRef?: unknown;
  };
}
interface SecurityContext {
  runAsNonRoot?: boolean;
  runAsUser?: number;
  privileged?: boolean;
  allowPrivilegeEscalation?: boolean;
  readOnlyRootFilesystem?: boolean;
  capabilities?: { drop?: string[]; add?: string[] };
}
interface Probe {
  httpGet?: { path?: string; port?: number | string };
}
interface Container {
  name: string;
  image?: string;
  ports?: { name?: string; containerPort: number }[];
  env?: EnvVar[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: SecurityContext;
}
interface PodSpec {
  containers: Container[];
  securityContext?: SecurityContext;
  automountServiceAccountToken?: boolean;
}
interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: Metadata;
  data?: Record<string, string>;
  spec?: {
    selector?: { matchLabels?: Record<string, string> } & Record<string, string | Record<string, string>>;
    template?: { metadata?: Metadata; spec: PodSpec };
    ports?: { name?: string; port: number; targetPort?: number | string }[];
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asK8sObjects(text: string, source: string): K8sObject[] {
  return parseAllDocuments(text)
    .map((doc) => {
      if (doc.errors.length) throw new Error(`${source}: ${doc.errors.map((e) => e.message).join('; ')}`);
      return doc.toJS() as unknown;
    })
    .filter((value): value is K8sObject => {
      if (value === null || value === undefined) return false;
      if (!isObject(value) || typeof value.kind !== 'string' || !isObject(value.metadata)) {
        throw new Error(`${source}: a document that is not a Kubernetes object`);
      }
      return true;
    });
}

// ---------------------------------------------------------------------------------------------------------------
// What each service reads, from its source.

function tsFiles(directory: string): string[] {
  if (!existsSync(directory)) return [];
  return readdirSync(directory).flatMap((entry) => {
    const path = join(directory, entry);
    if (statSync(path).isDirectory()) return entry === '__generated__' ? [] : tsFiles(path);
    return entry.endsWith('.ts') ? [path] : [];
  });
}

/** Names a file reads from the environment: `env.X`, `env['X']` and the keys of its environment schemas. */
function environmentNamesIn(source: string): string[] {
  if (!/process\.env|readEnv\(|NodeJS\.ProcessEnv/.test(source)) return [];
  const patterns = [
    /\benv\.([A-Z][A-Z0-9_]*)\b/g,
    /\benv\[['"]([A-Z][A-Z0-9_]*)['"]\]/g,
    /^\s+([A-Z][A-Z0-9_]*)\s*:/gm,
  ];
  return patterns.flatMap((pattern) => [...source.matchAll(pattern)].map((match) => match[1] ?? ''));
}

const SHARED_PACKAGES = ['service-kit', 'db', 'identity'].map((name) => join(ROOT, 'packages', name, 'src'));

/** The services a subgraph calls, as its module declares them (`calls: [...]` in src/subgraph.ts). */
function callsOf(service: string): string[] {
  const file = join(ROOT, 'services', service, 'src', 'subgraph.ts');
  const declared = /\bcalls:\s*\[([^\]]*)\]/.exec(readFileSync(file, 'utf8'))?.[1] ?? '';
  return [...declared.matchAll(/['"]([a-z-]+)['"]/g)].map((match) => match[1] ?? '');
}

/** The variables a link to another service is configured with (serviceLinks in packages/service-kit/src/run.ts). */
function serviceLinkVariables(target: string): string[] {
  const run = readFileSync(join(ROOT, 'packages', 'service-kit', 'src', 'run.ts'), 'utf8');
  for (const pattern of ['${prefix}_SERVICE_URL', '${prefix}_SERVICE_SECRET']) {
    if (!run.includes(pattern)) throw new Error(`packages/service-kit/src/run.ts no longer reads ${pattern}`);
  }
  const prefix = target.toUpperCase();
  return [`${prefix}_SERVICE_URL`, `${prefix}_SERVICE_SECRET`];
}

interface ServiceSpec {
  name: string;
  /** Every variable the process reads. */
  reads: Set<string>;
  /** Those it must be given in production (or that the platform needs to work as one). */
  required: string[];
  /** At least one of each group. */
  oneOf: string[][];
}

/** Required in production beyond what every subgraph needs (services/households/src/main.ts, privacy/keys.ts). */
const PRODUCTION_KEYS: Readonly<Record<string, readonly string[]>> = {
  households: ['PERSONAL_DATA_KEYS', 'CPR_HASH_KEY', 'PSEUDONYM_KEY'],
};

function serviceSpecs(supergraphSdl: string): Map<string, ServiceSpec> {
  const shared = SHARED_PACKAGES.flatMap(tsFiles).flatMap((file) => environmentNamesIn(readFileSync(file, 'utf8')));
  const specs = new Map<string, ServiceSpec>();
  const called = new Set(SUBGRAPHS.flatMap((subgraph) => callsOf(subgraph.name)));
  const eventReceivers = new Set(SUBGRAPHS.flatMap((subgraph) => subgraph.publishesTo ?? []));
  for (const subgraph of SUBGRAPHS) {
    const own = tsFiles(join(ROOT, subgraph.directory, 'src')).flatMap((file) =>
      environmentNamesIn(readFileSync(file, 'utf8')),
    );
    const links = callsOf(subgraph.name).flatMap(serviceLinkVariables);
    const required = ['NODE_ENV', 'HOST', 'PORT', 'DATABASE_URL', 'GATEWAY_SECRETS', ...links];
    if (called.has(subgraph.name)) required.push('SERVICE_CLIENTS');
    if (eventReceivers.has(subgraph.name)) required.push('EVENT_SECRETS');
    if (subgraph.publishesTo?.length) required.push('EVENT_SUBSCRIBERS');
    required.push(...(PRODUCTION_KEYS[subgraph.name] ?? []));
    specs.set(subgraph.name, {
      name: subgraph.name,
      reads: new Set([...shared, ...own, ...links]),
      required,
      oneOf: [],
    });
  }
  const subgraphVariables = subgraphsOf(supergraphSdl).flatMap(({ name }) => [
    subgraphVariable(name, 'URL'),
    subgraphVariable(name, 'SECRET'),
  ]);
  const gatewayOwn = tsFiles(join(ROOT, 'gateway', 'src')).flatMap((file) =>
    environmentNamesIn(readFileSync(file, 'utf8')),
  );
  specs.set(GATEWAY, {
    name: GATEWAY,
    reads: new Set([...shared, ...gatewayOwn, ...subgraphVariables]),
    required: ['NODE_ENV', 'HOST', 'PORT', 'AUTH_ISSUER', 'AUTH_AUDIENCE', ...subgraphVariables],
    oneOf: [['AUTH_JWKS_URL', 'AUTH_JWKS', 'AUTH_JWKS_FILE']],
  });
  for (const spec of specs.values()) {
    for (const name of [...spec.required, ...spec.oneOf.flat()]) {
      if (!spec.reads.has(name)) throw new Error(`${spec.name} is expected to read ${name}, but its source does not`);
    }
  }
  return specs;
}

// ---------------------------------------------------------------------------------------------------------------
// The invariants of one rendered kustomization.

/** Names whose values are secret: they come from a Secret, never from a manifest. */
const SECRET_NAME = /(^|_)SECRETS?$|_KEYS?$|PASSWORD|^DATABASE_URL$|^SERVICE_CLIENTS$|^EVENT_SUBSCRIBERS$/;
/** A URL with a password in it. */
const URL_WITH_PASSWORD = /\/\/[^/@\s:]+:[^/@\s]+@/;

function effective<K extends keyof SecurityContext>(pod: PodSpec, container: Container, key: K): SecurityContext[K] {
  return container.securityContext?.[key] ?? pod.securityContext?.[key];
}

function matches(selector: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
  if (!selector || Object.keys(selector).length === 0) return false;
  return Object.entries(selector).every(([key, value]) => labels?.[key] === value);
}

export function checkRender(
  objects: readonly K8sObject[],
  specs: ReadonlyMap<string, ServiceSpec>,
  options: { wholePlatform?: boolean; secretKeysFile?: Set<string> } = {},
): string[] {
  const problems: string[] = [];
  const configMaps = new Map(objects.filter((o) => o.kind === 'ConfigMap').map((o) => [o.metadata.name, o]));
  const services = new Map(objects.filter((o) => o.kind === 'Service').map((o) => [o.metadata.name, o]));
  const deployments = objects.filter((o) => o.kind === 'Deployment');

  for (const object of objects) {
    if (object.kind === 'Secret')
      problems.push(`Secret ${object.metadata.name} is rendered: secrets are the operator's`);
  }
  if (deployments.length === 0) problems.push('no Deployment');

  for (const deployment of deployments) {
    const name = deployment.metadata.name;
    const where = `Deployment ${name}`;
    const spec = specs.get(name);
    const pod = deployment.spec?.template?.spec;
    if (!spec) {
      problems.push(`${where}: not a service of the platform (${[...specs.keys()].join(', ')})`);
      continue;
    }
    if (!pod) {
      problems.push(`${where}: no pod template`);
      continue;
    }
    const podLabels = deployment.spec?.template?.metadata?.labels;
    if (!matches(deployment.spec?.selector?.matchLabels, podLabels)) {
      problems.push(`${where}: its selector does not select its own pods`);
    }
    if (pod.automountServiceAccountToken !== false) {
      problems.push(`${where}: automountServiceAccountToken is not false`);
    }
    const container = pod.containers.find((c) => c.name === name);
    if (!container || pod.containers.length !== 1) {
      problems.push(`${where}: expected one container named ${name}`);
      continue;
    }
    const image = container.image ?? '';
    if (!new RegExp(`^([^/\\s]+/)*second-chance/${name}(:[\\w.-]+)?(@sha256:[0-9a-f]{64})?$`).test(image)) {
      problems.push(`${where}: image ${image} is not second-chance/${name}`);
    }

    // Port and probes.
    const port = container.ports?.[0];
    if (!port || container.ports?.length !== 1) problems.push(`${where}: expected one container port`);
    const probes = [
      ['readinessProbe', '/health/ready'],
      ['livenessProbe', '/health/live'],
    ] as const;
    for (const [probe, path] of probes) {
      const get = container[probe]?.httpGet;
      if (!get) {
        problems.push(`${where}: no ${probe}`);
        continue;
      }
      if (get.path !== path) problems.push(`${where}: ${probe} asks ${get.path ?? '(no path)'}, not ${path}`);
      if (port && get.port !== port.name && get.port !== port.containerPort) {
        problems.push(`${where}: ${probe} asks port ${String(get.port)}, not the container's`);
      }
    }

    // Resources.
    for (const kind of ['requests', 'limits'] as const) {
      for (const resource of ['cpu', 'memory']) {
        if (!container.resources?.[kind]?.[resource]) problems.push(`${where}: no ${resource} in resources.${kind}`);
      }
    }

    // Who it runs as, and what it may do.
    if (effective(pod, container, 'runAsNonRoot') !== true) problems.push(`${where}: runAsNonRoot is not true`);
    const user = effective(pod, container, 'runAsUser');
    if (typeof user !== 'number' || user === 0) {
      problems.push(`${where}: runAsUser is not a numeric non-root user (the images name theirs: node)`);
    }
    if (container.securityContext?.allowPrivilegeEscalation !== false) {
      problems.push(`${where}: allowPrivilegeEscalation is not false`);
    }
    if (container.securityContext?.privileged) problems.push(`${where}: privileged`);
    if (!container.securityContext?.capabilities?.drop?.includes('ALL')) {
      problems.push(`${where}: capabilities do not drop ALL`);
    }
    if (container.securityContext?.capabilities?.add?.length) problems.push(`${where}: adds capabilities`);
    if (container.securityContext?.readOnlyRootFilesystem !== true) {
      problems.push(`${where}: the root file system is not read-only`);
    }

    // The environment: where each variable comes from, and whether the service reads it.
    const environment = new Map<string, string | undefined>();
    const secretKeys = new Set<string>();
    for (const variable of container.env ?? []) {
      const from = variable.valueFrom;
      if (from?.secretKeyRef) {
        if (from.secretKeyRef.name !== `${name}-secrets`) {
          problems.push(`${where}: ${variable.name} comes from Secret ${from.secretKeyRef.name}, not ${name}-secrets`);
        }
        if (from.secretKeyRef.key !== variable.name) {
          problems.push(
            `${where}: ${variable.name} comes from key ${from.secretKeyRef.key} (keys are named as variables)`,
          );
        }
        secretKeys.add(from.secretKeyRef.key);
        environment.set(variable.name, undefined);
      } else if (from) {
        problems.push(`${where}: ${variable.name} comes from neither a value nor ${name}-secrets`);
      } else {
        if (SECRET_NAME.test(variable.name)) {
          problems.push(`${where}: ${variable.name} is secret but has a literal value in the manifest`);
        }
        environment.set(variable.name, variable.value ?? '');
      }
    }
    for (const source of container.envFrom ?? []) {
      if (source.secretRef) {
        problems.push(`${where}: envFrom secretRef ${source.secretRef.name}: name each secret with a secretKeyRef`);
      }
      if (!source.configMapRef) continue;
      const configMap = configMaps.get(source.configMapRef.name);
      if (!configMap) {
        problems.push(`${where}: ConfigMap ${source.configMapRef.name} is not in the render`);
        continue;
      }
      for (const [key, value] of Object.entries(configMap.data ?? {})) {
        if (SECRET_NAME.test(key))
          problems.push(`${where}: ${key} is secret but is in ConfigMap ${configMap.metadata.name}`);
        if (!environment.has(key)) environment.set(key, value);
      }
    }
    for (const [variable, value] of environment) {
      if (!spec.reads.has(variable)) problems.push(`${where}: ${variable} is not read by the ${name} service`);
      if (value !== undefined && URL_WITH_PASSWORD.test(value)) {
        problems.push(`${where}: ${variable} carries a password in a manifest`);
      }
    }
    for (const variable of spec.required) {
      if (!environment.has(variable)) problems.push(`${where}: ${variable} is not set (the service needs it)`);
    }
    for (const group of spec.oneOf) {
      if (!group.some((variable) => environment.has(variable))) {
        problems.push(`${where}: none of ${group.join(', ')} is set`);
      }
    }
    if (environment.get('NODE_ENV') !== 'production') problems.push(`${where}: NODE_ENV is not production`);
    if (environment.get('HOST') !== '0.0.0.0') problems.push(`${where}: HOST is not 0.0.0.0 (unreachable in a pod)`);
    if (port && environment.get('PORT') !== String(port.containerPort)) {
      problems.push(`${where}: PORT ${environment.get('PORT')} is not the container port ${port.containerPort}`);
    }
    if (options.secretKeysFile) {
      const listed = [...options.secretKeysFile].sort().join(', ');
      const used = [...secretKeys].sort().join(', ');
      if (listed !== used) problems.push(`${where}: secrets.env.example lists ${listed}, the Deployment uses ${used}`);
    }

    // Its Service: same name, selects its pods, targets its port.
    const service = services.get(name);
    if (!service) {
      problems.push(`${where}: no Service ${name}`);
    } else {
      const selector = service.spec?.selector as Record<string, string> | undefined;
      if (!matches(selector, podLabels)) problems.push(`Service ${name}: does not select the Deployment's pods`);
      const target = service.spec?.ports?.[0]?.targetPort;
      if (port && target !== port.name && target !== port.containerPort) {
        problems.push(`Service ${name}: targets ${String(target)}, not the container's port`);
      }
    }

    // URLs of other services: in the cluster, a Service and port that exist (in a single release, if there).
    for (const [variable, value] of environment) {
      if (!variable.endsWith('_URL') || variable === 'AUTH_JWKS_URL' || value === undefined) continue;
      let url: URL;
      try {
        url = new URL(value);
      } catch {
        problems.push(`${where}: ${variable} is not a URL: ${value}`);
        continue;
      }
      if (url.hostname.includes('.')) continue;
      const other = services.get(url.hostname);
      if (!other) {
        if (options.wholePlatform)
          problems.push(`${where}: ${variable} names ${url.hostname}, no Service of the platform`);
        continue;
      }
      if (!other.spec?.ports?.some((p) => String(p.port) === url.port)) {
        problems.push(`${where}: ${variable} names port ${url.port} of ${url.hostname}, which does not serve it`);
      }
    }
  }

  for (const budget of objects.filter((o) => o.kind === 'PodDisruptionBudget')) {
    const selector = budget.spec?.selector?.matchLabels;
    if (!deployments.some((d) => matches(selector, d.spec?.template?.metadata?.labels))) {
      problems.push(`PodDisruptionBudget ${budget.metadata.name}: selects no pods of the render`);
    }
  }

  if (options.wholePlatform) {
    for (const name of specs.keys()) {
      if (!deployments.some((d) => d.metadata.name === name)) problems.push(`the platform has no Deployment ${name}`);
    }
    const namespaces = new Set(objects.map((o) => o.metadata.namespace));
    if (namespaces.size !== 1 || namespaces.has(undefined)) {
      problems.push(`the platform is not in one namespace (${[...namespaces].join(', ')})`);
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------------------------
// The Apollo Router configuration.

function at(value: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (isObject(node) ? node[key] : undefined), value);
}

export function checkRouterConfig(config: unknown, supergraphSdl: string): string[] {
  const problems: string[] = [];
  const expect = (path: string, wanted: unknown, why: string) => {
    const found = at(config, path);
    if (JSON.stringify(found) !== JSON.stringify(wanted)) {
      problems.push(`router.yaml ${path} is ${JSON.stringify(found)}, not ${JSON.stringify(wanted)} (${why})`);
    }
  };
  expect('supergraph.path', '/graphql', 'where the Node gateway serves');
  expect('supergraph.introspection', false, 'introspection is off in production');
  expect('sandbox.enabled', false, 'no sandbox in production');
  expect('homepage.enabled', false, 'no landing page in production');
  expect('authorization.require_authentication', true, 'no request without a valid token');
  expect('batching.enabled', false, 'one operation per request');
  expect('limits.router.max_depth', DEFAULT_LIMITS.maxDepth, 'gateway/src/limits.ts');
  expect('limits.router.max_aliases', DEFAULT_LIMITS.maxAliases, 'gateway/src/limits.ts');
  expect('limits.router.parser_max_tokens', DEFAULT_LIMITS.maxTokens, 'gateway/src/limits.ts');
  expect('limits.router.http_max_request_bytes', GATEWAY_BODY_LIMIT_BYTES, "the gateway's body limit");
  expect('traffic_shaping.all.timeout', `${GATEWAY_SUBGRAPH_TIMEOUT_SECONDS}s`, "the gateway's SUBGRAPH_TIMEOUT_MS");
  expect('health_check.enabled', true, 'probes');
  expect('telemetry.exporters.metrics.prometheus.enabled', true, 'metrics');
  expect('coprocessor.subgraph.all.request.headers', true, 'the coprocessor adds the assertion header');
  expect('coprocessor.subgraph.all.request.context', true, 'the coprocessor reads the verified claims');
  expect('coprocessor.subgraph.all.request.service_name', true, 'the assertion is for one subgraph');

  const jwks = at(config, 'authentication.router.jwt.jwks');
  const first: unknown = Array.isArray(jwks) ? jwks[0] : undefined;
  if (!isObject(first)) {
    problems.push('router.yaml: no JWKS under authentication.router.jwt.jwks');
  } else {
    if (first.url !== '${env.AUTH_JWKS_URL}') problems.push('router.yaml: the JWKS is not ${env.AUTH_JWKS_URL}');
    if (JSON.stringify(first.issuers) !== JSON.stringify(['${env.AUTH_ISSUER}'])) {
      problems.push('router.yaml: the issuer is not ${env.AUTH_ISSUER}');
    }
    if (JSON.stringify(first.audiences) !== JSON.stringify(['${env.AUTH_AUDIENCE}'])) {
      problems.push('router.yaml: the audience is not ${env.AUTH_AUDIENCE}');
    }
    if (JSON.stringify(first.algorithms) !== JSON.stringify(['ES256'])) {
      problems.push('router.yaml: user tokens are ES256 only');
    }
  }

  // Every subgraph of the supergraph, by the variable the Node gateway reads, and nothing else.
  const overrides = at(config, 'override_subgraph_url');
  const names = subgraphsOf(supergraphSdl).map((s) => s.name);
  if (names.length === 0) problems.push(`${SUPERGRAPH_FILE} names no subgraph`);
  const overridden = isObject(overrides) ? Object.keys(overrides).sort() : [];
  if (overridden.join(',') !== [...names].sort().join(',')) {
    problems.push(`router.yaml override_subgraph_url has ${overridden.join(', ')}; the supergraph ${names.join(', ')}`);
  }
  for (const name of names) {
    const value = isObject(overrides) ? overrides[name] : undefined;
    const variable = subgraphVariable(name, 'URL');
    if (typeof value !== 'string' || !value.startsWith(`\${env.${variable}`)) {
      problems.push(`router.yaml override_subgraph_url.${name} does not come from ${variable}`);
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------------------------
// Rendering.

function kustomizations(directory: string): string[] {
  return readdirSync(directory)
    .flatMap((entry) => {
      const path = join(directory, entry);
      if (!statSync(path).isDirectory()) return [];
      return existsSync(join(path, 'kustomization.yaml')) ? [path, ...kustomizations(path)] : kustomizations(path);
    })
    .sort();
}

function render(kubectl: string, directory: string): string {
  try {
    return execFileSync(kubectl, ['kustomize', directory], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const stderr = isObject(error) && typeof error.stderr === 'string' ? error.stderr : String(error);
    throw new Error(`${kubectl} kustomize ${relative(ROOT, directory)} failed:\n${stderr}`, { cause: error });
  }
}

function kubectlVersion(kubectl: string): string {
  const output = execFileSync(kubectl, ['version', '--client'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return (
    (/GitVersion:"(v[\w.+-]+)"/.exec(output) ?? /Client Version: (v[\w.+-]+)/.exec(output))?.[1] ?? 'unknown version'
  );
}

/** A render with generated names (`-config-<hash>`, which differ between kustomize versions) made comparable. */
function comparable(objects: readonly K8sObject[]): string {
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(strip);
    if (!isObject(value)) return typeof value === 'string' ? value.replace(/-config-[a-z0-9]{10}$/, '-config') : value;
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key, inner]) => !(key === 'annotations' && isObject(inner) && Object.keys(inner).length === 0))
        .map(([key, inner]) => [key, strip(inner)]),
    );
  };
  return JSON.stringify(strip(objects));
}

/** The keys a secrets.env.example names: `KEY=` lines, and `# KEY=` for an optional key shown commented out. */
function envFileKeys(path: string): Set<string> {
  return new Set(
    readFileSync(path, 'utf8')
      .split('\n')
      .map((line) => /^(?:# ?)?([A-Z][A-Z0-9_]*)=/.exec(line)?.[1])
      .filter((key): key is string => key !== undefined),
  );
}

/** The check must catch what it claims to: each broken copy of the platform must be refused. */
function selfTest(platform: readonly K8sObject[], specs: ReadonlyMap<string, ServiceSpec>): string[] {
  const finance = (objects: K8sObject[]): Container => {
    const deployment = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === 'finance');
    const container = deployment?.spec?.template?.spec.containers[0];
    if (!container) throw new Error('self-test: the platform has no finance container');
    return container;
  };
  const breakages: [string, RegExp, (objects: K8sObject[]) => void][] = [
    ['no readiness probe', /no readinessProbe/, (o) => delete finance(o).readinessProbe],
    [
      'liveness on the readiness path',
      /livenessProbe asks \/health\/ready/,
      (o) => {
        const probe = finance(o).livenessProbe?.httpGet;
        if (probe) probe.path = '/health/ready';
      },
    ],
    [
      'a literal secret',
      /GATEWAY_SECRETS is secret but has a literal value/,
      (o) => {
        const env = finance(o).env ?? [];
        finance(o).env = [...env.filter((v) => v.name !== 'GATEWAY_SECRETS'), { name: 'GATEWAY_SECRETS', value: 'x' }];
      },
    ],
    [
      'a Secret in the render',
      /Secret finance-secrets is rendered/,
      (o) => {
        o.push({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'finance-secrets' } });
      },
    ],
    [
      'root allowed',
      /runAsNonRoot is not true/,
      (o) => {
        const container = finance(o);
        container.securityContext = { ...container.securityContext, runAsNonRoot: false };
      },
    ],
    ['no memory limit', /no memory in resources.limits/, (o) => delete finance(o).resources?.limits?.memory],
    [
      'a variable finance does not read',
      /FINANCE_SECRETZ is not read/,
      (o) => {
        finance(o).env?.push({
          name: 'FINANCE_SECRETZ',
          valueFrom: { secretKeyRef: { name: 'finance-secrets', key: 'FINANCE_SECRETZ' } },
        });
      },
    ],
    [
      'no database',
      /DATABASE_URL is not set/,
      (o) => {
        finance(o).env = finance(o).env?.filter((v) => v.name !== 'DATABASE_URL');
      },
    ],
    [
      'another image',
      /image .* is not second-chance\/finance/,
      (o) => {
        finance(o).image = 'second-chance/evaluation:latest';
      },
    ],
  ];
  const failures: string[] = [];
  for (const [what, expected, breakIt] of breakages) {
    const broken = structuredClone(platform) as K8sObject[];
    breakIt(broken);
    const problems = checkRender(broken, specs, { wholePlatform: true });
    if (!problems.some((problem) => expected.test(problem))) failures.push(`self-test: ${what} went unnoticed`);
  }
  return failures;
}

function main(): void {
  const kubectls = (process.env.KUBECTL ?? 'kubectl')
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean);
  const supergraphSdl = readFileSync(join(ROOT, SUPERGRAPH_FILE), 'utf8');
  const specs = serviceSpecs(supergraphSdl);
  const problems: string[] = [];
  let platform: K8sObject[] | undefined;
  const directories = kustomizations(KUBERNETES);
  for (const kubectl of kubectls) console.warn(`deploy check: rendering with ${kubectl} (${kubectlVersion(kubectl)})`);

  for (const directory of directories) {
    const label = relative(ROOT, directory);
    const renders = kubectls.map((kubectl) => asK8sObjects(render(kubectl, directory), label));
    const objects = renders[0] ?? [];
    if (renders.some((other) => comparable(other) !== comparable(objects))) {
      problems.push(`${label}: ${kubectls.join(' and ')} render it differently`);
    }
    const wholePlatform = label === join('deploy', 'kubernetes', 'platform');
    const secretsFile = join(directory, 'secrets.env.example');
    const found = checkRender(objects, specs, {
      wholePlatform,
      ...(existsSync(secretsFile) ? { secretKeysFile: envFileKeys(secretsFile) } : {}),
    });
    problems.push(...found.map((problem) => `${label}: ${problem}`));
    if (wholePlatform) platform = objects;
    const counts = new Map<string, number>();
    for (const object of objects) counts.set(object.kind, (counts.get(object.kind) ?? 0) + 1);
    const kinds = [...counts].map(([kind, count]) => `${count} ${kind}`).join(', ');
    console.warn(`  ${found.length ? 'FAIL' : 'ok  '} ${label}: ${kinds}`);
  }
  for (const service of specs.keys()) {
    if (!directories.includes(join(KUBERNETES, service))) problems.push(`no release deploy/kubernetes/${service}`);
  }
  if (!platform) problems.push('no deploy/kubernetes/platform');
  else {
    const failures = selfTest(platform, specs);
    problems.push(...failures);
    console.warn(`  ${failures.length ? 'FAIL' : 'ok  '} self-test: every broken copy of the platform is refused`);
  }

  const routerProblems = checkRouterConfig(parse(readFileSync(ROUTER_CONFIG, 'utf8')) as unknown, supergraphSdl);
  problems.push(...routerProblems);
  console.warn(`  ${routerProblems.length ? 'FAIL' : 'ok  '} deploy/router/router.yaml against ${SUPERGRAPH_FILE}`);

  if (problems.length) {
    console.error(`deploy check: ${problems.length} problem(s)`);
    for (const problem of problems) console.error(`  - ${problem}`);
    process.exit(1);
  }
  console.warn(
    `deploy check: ${directories.length} kustomizations and the router configuration hold every invariant` +
      ` (${kubectls.length} kubectl${kubectls.length > 1 ? 's, identical renders' : ''})`,
  );
}

main();
