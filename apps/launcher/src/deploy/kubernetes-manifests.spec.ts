import { ALL_TOPICS } from '@cargo/contracts';
import { WORKSPACE_ROOT } from '@cargo/testing';
import Ajv from 'ajv';
import { resolve } from 'node:path';
import strimziSchema from './strimzi-v1beta2.schema.json';
import { kustomizeBuild, type KubeObject } from './kustomize-render.spec-helper';

const SERVICES = ['station-intake', 'customs-hold', 'flight-assignment', 'tracking'] as const;
const PARTIES = ['customs-system-wuhan', 'airline-cz', 'airline-o3'];
/**
 * Secrets the manifests reference without rendering them: Strimzi's User Operator writes one per
 * KafkaUser (key `password`) and the cluster CA; CloudNativePG writes `cargo-hub-db-app` (key `uri`);
 * production creates `cargo-hub-admin` itself (README, "Deploying on Kubernetes").
 */
const CREATED_OUTSIDE = ['cargo-hub-cluster-ca-cert', 'cargo-hub-db-app', 'cargo-hub-admin'];

const ajv = new Ajv({ allErrors: true, strict: false });
ajv.addSchema(strimziSchema, 'strimzi');

type Json = Record<string, unknown>;
const spec = (o: KubeObject) => o['spec'] as Json;
const podSpec = (o: KubeObject) => ((spec(o)['template'] as Json)['spec'] as Json);
const containersOf = (o: KubeObject) => [...((podSpec(o)['initContainers'] as Json[] | undefined) ?? []), ...(podSpec(o)['containers'] as Json[])];

/** Validates one object: Kubernetes kinds against kubernetes-models' OpenAPI validators, Strimzi's against the vendored schema. */
function validate(o: KubeObject): string | undefined {
  if (o.apiVersion.startsWith('kafka.strimzi.io/')) {
    const check = ajv.getSchema(`strimzi#/definitions/${o.kind}`);
    if (!check) return `no Strimzi schema for ${o.kind}`;
    return check(o) ? undefined : ajv.errorsText(check.errors);
  }
  const models = require(`kubernetes-models/${o.apiVersion}/${o.kind}`) as Record<string, new (data: unknown) => { validate(): void }>;
  const Model = models[o.kind];
  if (!Model) return `kubernetes-models has no ${o.apiVersion} ${o.kind}`;
  try {
    new Model(o).validate();
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

describe('the schema checks', () => {
  it('reject what the API server or the Strimzi operator would refuse or silently drop', () => {
    const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' }, spec: { selector: {}, template: { spec: { containers: [{ name: 'x', image: 'i', ports: [{ containerPort: 'http' }] }] } } } };
    expect(validate(deployment as KubeObject)).toMatch(/containerPort must be integer/);
    const topic = { apiVersion: 'kafka.strimzi.io/v1beta2', kind: 'KafkaTopic', metadata: { name: 'cargo.intake.v1' }, spec: { partitons: 12, replicas: 3 } };
    expect(validate(topic as KubeObject)).toMatch(/additional properties/);
    const pool = { apiVersion: 'kafka.strimzi.io/v1beta2', kind: 'KafkaNodePool', metadata: { name: 'p' }, spec: { replicas: 3, roles: ['zookeeper'], storage: { type: 'persistent-claim' } } };
    expect(validate(pool as KubeObject)).toMatch(/allowed values[\s\S]*must have required property 'size'|must have required property 'size'[\s\S]*allowed values/);
  });
});

describe.each(['dev', 'prod'])('Kubernetes manifests: overlays/%s', (overlay) => {
  const objects = kustomizeBuild(resolve(WORKSPACE_ROOT, 'deploy/kubernetes/overlays', overlay));
  const find = (kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name) as KubeObject;
  const all = (kind: string) => objects.filter((o) => o.kind === kind);
  const config = find('ConfigMap', 'cargo-hub-config')['data'] as Record<string, string>;

  it('renders objects that are valid against the Kubernetes and Strimzi schemas, all in one namespace', () => {
    expect(objects.length).toBeGreaterThan(40);
    for (const o of objects) expect([`${o.kind}/${o.metadata.name}`, validate(o)]).toEqual([`${o.kind}/${o.metadata.name}`, undefined]);
    const keys = objects.map((o) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const o of objects.filter((x) => x.kind !== 'Namespace')) expect([o.kind, o.metadata.name, o.metadata.namespace]).toEqual([o.kind, o.metadata.name, 'cargo-hub']);
  });

  it.each(SERVICES)('%s: a Deployment with probes, resources and a non-root read-only container, its Service, HPA and PDB', (name) => {
    const deployment = find('Deployment', name);
    const labels = ((spec(deployment)['template'] as Json)['metadata'] as Json)['labels'] as Record<string, string>;
    expect(labels).toMatchObject((spec(deployment)['selector'] as Json)['matchLabels'] as Json);
    const main = (podSpec(deployment)['containers'] as Json[])[0] as Json;
    expect(main['command']).toEqual(['node', `dist/apps/${name}/src/main.js`]);
    const port = (main['ports'] as Json[])[0] as Json;
    expect(((main['readinessProbe'] as Json)['httpGet'] as Json)).toEqual({ path: '/health/ready', port: port['name'] });
    expect(((main['livenessProbe'] as Json)['httpGet'] as Json)).toEqual({ path: '/health/live', port: port['name'] });
    for (const container of containersOf(deployment)) {
      expect(Object.keys((container['resources'] as Json)['requests'] as Json).sort()).toEqual(['cpu', 'memory']);
      expect(Object.keys((container['resources'] as Json)['limits'] as Json).sort()).toEqual(['cpu', 'memory']);
      expect(container['securityContext']).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
      expect(String(container['image'])).toMatch(overlay === 'prod' ? /^registry\.[^:]+:\d+\.\d+\.\d+$/ : /^wuhan-air-cargo-hub:dev$/);
    }
    expect(podSpec(deployment)['securityContext']).toMatchObject({ runAsNonRoot: true });
    // Replicas never migrate: the init container waits for the migrate Job.
    expect(config['MIGRATE_AT_BOOT']).toBe('false');
    expect(((podSpec(deployment)['initContainers'] as Json[])[0] as Json)['command']).toEqual(['node', `dist/apps/${name}/src/migrate.main.js`, '--wait', '--timeout-seconds', '600']);

    const service = find('Service', name);
    expect(spec(service)['selector']).toEqual((spec(deployment)['selector'] as Json)['matchLabels']);
    expect(((spec(service)['ports'] as Json[])[0] as Json)['targetPort']).toBe(port['name']);

    const hpa = find('HorizontalPodAutoscaler', name);
    expect(spec(hpa)['scaleTargetRef']).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name });
    const [min, max] = [Number(spec(hpa)['minReplicas']), Number(spec(hpa)['maxReplicas'])];
    expect(min).toBeLessThanOrEqual(max);
    expect(spec(deployment)['replicas']).toBe(min);
    if (overlay === 'prod') expect(min).toBeGreaterThanOrEqual(3);

    const pdb = find('PodDisruptionBudget', name);
    expect((spec(pdb)['selector'] as Json)['matchLabels']).toEqual((spec(deployment)['selector'] as Json)['matchLabels']);
    expect(spec(pdb)['maxUnavailable']).toBe(1);
  });

  it('migrates every schema in one Job, with the migrate command of each service', () => {
    const job = find('Job', 'cargo-hub-migrate');
    expect((podSpec(job)['containers'] as Json[]).map((c) => c['command'])).toEqual(SERVICES.map((s) => ['node', `dist/apps/${s}/src/migrate.main.js`]));
    expect(podSpec(job)['restartPolicy']).toBe('OnFailure');
  });

  it('takes every credential from a Secret: rendered, or written by Strimzi, CloudNativePG or the operator (documented)', () => {
    const rendered = new Set(all('Secret').map((s) => s.metadata.name));
    const kafkaUsers = new Set(all('KafkaUser').map((u) => u.metadata.name));
    const referenced = new Set<string>();
    for (const workload of [...all('Deployment'), ...all('Job')]) {
      for (const container of containersOf(workload)) {
        for (const env of (container['env'] as Json[] | undefined) ?? []) {
          const ref = (env['valueFrom'] as Json | undefined)?.['secretKeyRef'] as Json | undefined;
          if (ref) referenced.add(String(ref['name']));
          if (['DATABASE_URL', 'KAFKA_SASL_PASSWORD', 'ADMIN_API_KEY'].includes(String(env['name']))) expect([env['name'], ref]).toEqual([env['name'], expect.anything()]);
        }
      }
      for (const volume of (podSpec(workload)['volumes'] as Json[] | undefined) ?? []) if (volume['secret']) referenced.add(String((volume['secret'] as Json)['secretName']));
    }
    for (const name of referenced) expect([name, rendered.has(name) || kafkaUsers.has(name) || CREATED_OUTSIDE.includes(name)]).toEqual([name, true]);
    for (const service of SERVICES) expect(referenced).toContain(service);
    expect(referenced).toContain('cargo-hub-admin');
    if (overlay === 'dev') expect(rendered).toContain('cargo-hub-admin');
    for (const value of Object.values(config)) expect(value).not.toMatch(/password|secret/i);
  });

  it('runs Kafka in KRaft mode through Strimzi: node pools for controllers and brokers, SCRAM over TLS, simple authorization', () => {
    const [kafka, ...others] = all('Kafka');
    expect(others).toEqual([]);
    expect(kafka?.metadata.annotations).toMatchObject({ 'strimzi.io/node-pools': 'enabled', 'strimzi.io/kraft': 'enabled' });
    expect(spec(kafka as KubeObject)['zookeeper']).toBeUndefined();
    const pools = all('KafkaNodePool');
    const roles = pools.flatMap((p) => spec(p)['roles'] as string[]);
    expect(new Set(roles)).toEqual(new Set(['controller', 'broker']));
    for (const p of [...pools, ...all('KafkaTopic'), ...all('KafkaUser')]) expect([p.metadata.name, p.metadata.labels?.['strimzi.io/cluster']]).toEqual([p.metadata.name, kafka?.metadata.name]);
    const listener = ((spec(kafka as KubeObject)['kafka'] as Json)['listeners'] as Json[])[0] as Json;
    expect(config['KAFKA_BROKERS']).toBe(`${kafka?.metadata.name}-kafka-bootstrap:${listener['port']}`);
    expect(listener).toMatchObject({ tls: true, authentication: { type: 'scram-sha-512' } });
    expect(config['KAFKA_SASL_MECHANISM']).toBe('scram-sha-512');
    const brokers = pools.filter((p) => (spec(p)['roles'] as string[]).includes('broker')).reduce((n, p) => n + Number(spec(p)['replicas']), 0);
    for (const topic of all('KafkaTopic')) expect(Number(spec(topic)['replicas'])).toBeLessThanOrEqual(brokers);
    expect(all('KafkaUser').map((u) => u.metadata.name).sort()).toEqual([...SERVICES, ...PARTIES].sort());
  });

  it('has a KafkaTopic per topic and dead-letter topic, with partitions and retention, sized for the autoscalers', () => {
    const topics = all('KafkaTopic');
    expect(topics.map((t) => t.metadata.name).sort()).toEqual([...ALL_TOPICS, ...ALL_TOPICS.map((t) => `${t}.dlq`)].sort());
    const concurrency = Number(config['KAFKA_CONSUMER_CONCURRENCY']);
    const maxReplicas = Math.max(...all('HorizontalPodAutoscaler').map((h) => Number(spec(h)['maxReplicas'])));
    for (const topic of topics.filter((t) => !t.metadata.name.endsWith('.dlq'))) {
      const partitions = Number(spec(topic)['partitions']);
      expect(Number((spec(topic)['config'] as Json)['retention.ms'])).toBeGreaterThan(0);
      // Every replica gets a partition; in production every replica can use its whole concurrency.
      expect([topic.metadata.name, partitions >= (overlay === 'prod' ? maxReplicas * concurrency : maxReplicas)]).toEqual([topic.metadata.name, true]);
      expect(partitions).toBe(Number(config['KAFKA_TOPIC_PARTITIONS']));
      // Processed-event ids outlive every record that could be delivered again.
      expect(Number(config['MESSAGING_RETENTION_HOURS']) * 3_600_000).toBeGreaterThanOrEqual(overlay === 'prod' ? Number((spec(topic)['config'] as Json)['retention.ms']) : 0);
    }
  });

  it('lets the services reach only Kafka, PostgreSQL, the identity provider, the collector and DNS; denies the rest', () => {
    const deny = find('NetworkPolicy', 'cargo-hub-default-deny');
    expect(spec(deny)).toEqual({ podSelector: { matchLabels: { 'app.kubernetes.io/part-of': 'wuhan-air-cargo-hub' } }, policyTypes: ['Ingress', 'Egress'] });
    const policy = find('NetworkPolicy', 'cargo-hub-services');
    const peers = (spec(policy)['egress'] as Json[]).map((rule) => JSON.stringify(rule['to']));
    const allowed = [/strimzi\.io\/cluster/, /cnpg\.io\/cluster/, /cargo-hub\.io\/role":"identity-provider/, /opentelemetry-collector/, /kube-dns/];
    expect(peers).toHaveLength(allowed.length);
    for (const [i, pattern] of allowed.entries()) expect(peers[i]).toMatch(pattern);
    for (const rule of spec(policy)['egress'] as Json[]) for (const peer of rule['to'] as Json[]) expect(peer['ipBlock']).toBeUndefined();
    for (const service of SERVICES) {
      const template = (spec(find('Deployment', service))['template'] as Json)['metadata'] as Json;
      expect((template['labels'] as Json)['app.kubernetes.io/component']).toBe('service');
      expect((template['labels'] as Json)['app.kubernetes.io/part-of']).toBe('wuhan-air-cargo-hub');
    }
  });

  it('routes the public APIs through one Ingress to rendered Services, never /metrics or /health', () => {
    const ingress = find('Ingress', 'cargo-hub');
    const paths = (spec(ingress)['rules'] as Json[]).flatMap((rule) => ((rule['http'] as Json)['paths'] as Json[]).map((p) => ({ host: String(rule['host']), path: String(p['path']), backend: (p['backend'] as Json)['service'] as Json })));
    expect(new Set(paths.map((p) => p.backend['name']))).toEqual(new Set(SERVICES));
    for (const p of paths) {
      expect(find('Service', String(p.backend['name']))).toBeDefined();
      expect(p.path).not.toMatch(/^\/(metrics|health)/);
    }
    if (overlay === 'prod') expect((spec(ingress)['tls'] as Json[])[0]).toMatchObject({ secretName: expect.any(String) });
  });
});
