import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

/** A rendered Kubernetes object. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [field: string]: unknown;
}

interface Kustomization {
  resources?: string[];
  namespace?: string;
  labels?: { pairs: Record<string, string>; includeSelectors?: boolean; includeTemplates?: boolean }[];
  images?: { name: string; newName?: string; newTag?: string }[];
  replicas?: { name: string; count: number }[];
  patches?: { path?: string; patch?: string; target?: unknown }[];
  generatorOptions?: { disableNameSuffixHash?: boolean };
  secretGenerator?: { name: string; namespace?: string; type?: string; literals?: string[] }[];
  [other: string]: unknown;
}

const SUPPORTED = new Set(['apiVersion', 'kind', 'resources', 'namespace', 'labels', 'images', 'replicas', 'patches', 'generatorOptions', 'secretGenerator']);
/** Kinds without a namespace among those the manifests use. */
const CLUSTER_SCOPED = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition']);

/**
 * Renders a Kustomize directory the way `kustomize build` (and `kubectl apply -k`) does, for the
 * features deploy/kubernetes uses: resources (files and directories), namespace, labels (metadata
 * only), images, replicas, strategic-merge patches from files, and secretGenerator with literals
 * (name suffix hash disabled). Anything else in a kustomization.yaml fails the render, so the test
 * can never silently skip what real Kustomize would apply.
 *
 * Strategic merge as Kustomize applies it: maps merge; lists of objects that Kubernetes merges by
 * name (containers, initContainers, env, volumes, ports… every item named) merge by `name` in the
 * built-in kinds; every other list (and every list of a custom resource) is replaced; `$patch: delete`
 * removes the object.
 */
export function kustomizeBuild(dir: string): KubeObject[] {
  const file = join(dir, 'kustomization.yaml');
  const k = parse(readFileSync(file, 'utf8')) as Kustomization;
  for (const key of Object.keys(k)) if (!SUPPORTED.has(key)) throw new Error(`${file}: "${key}" is not supported by the test renderer`);
  let objects: KubeObject[] = [];
  for (const entry of k.resources ?? []) {
    const path = resolve(dir, entry);
    objects.push(...(existsSync(path) && statSync(path).isDirectory() ? kustomizeBuild(path) : readObjects(path)));
  }
  for (const generator of k.secretGenerator ?? []) {
    if (!k.generatorOptions?.disableNameSuffixHash) throw new Error(`${file}: the test renderer needs generatorOptions.disableNameSuffixHash`);
    const data = Object.fromEntries((generator.literals ?? []).map((literal) => [literal.slice(0, literal.indexOf('=')), Buffer.from(literal.slice(literal.indexOf('=') + 1)).toString('base64')]));
    objects.push({ apiVersion: 'v1', kind: 'Secret', metadata: { name: generator.name, ...(generator.namespace ? { namespace: generator.namespace } : {}) }, type: generator.type ?? 'Opaque', data });
  }
  for (const patch of k.patches ?? []) {
    if (!patch.path || patch.target) throw new Error(`${file}: only strategic-merge patches from a file (path, no target) are supported`);
    for (const doc of readObjects(resolve(dir, patch.path))) {
      const index = objects.findIndex((o) => o.kind === doc.kind && o.metadata.name === doc.metadata.name && (!doc.metadata.namespace || o.metadata.namespace === doc.metadata.namespace));
      if (index < 0) throw new Error(`${patch.path}: no ${doc.kind} ${doc.metadata.name} to patch`);
      if ((doc as Record<string, unknown>)['$patch'] === 'delete') objects.splice(index, 1);
      else objects[index] = merge(objects[index], doc, isBuiltIn(doc)) as KubeObject;
    }
  }
  for (const { name, count } of k.replicas ?? []) {
    const target = objects.find((o) => ['Deployment', 'StatefulSet', 'ReplicaSet'].includes(o.kind) && o.metadata.name === name);
    if (!target) throw new Error(`${file}: replicas for ${name}, which is not rendered`);
    (target['spec'] as Record<string, unknown>)['replicas'] = count;
  }
  for (const image of k.images ?? []) objects = objects.map((o) => setImages(o, image));
  for (const label of k.labels ?? []) {
    if (label.includeSelectors || label.includeTemplates) throw new Error(`${file}: labels with selectors or templates are not supported`);
    for (const o of objects) o.metadata.labels = { ...(o.metadata.labels ?? {}), ...label.pairs };
  }
  if (k.namespace) for (const o of objects) if (!CLUSTER_SCOPED.has(o.kind)) o.metadata.namespace = k.namespace;
  return objects;
}

function readObjects(path: string): KubeObject[] {
  return parseAllDocuments(readFileSync(path, 'utf8'))
    .map((doc) => {
      if (doc.errors.length > 0) throw new Error(`${path}: ${doc.errors[0]?.message}`);
      return doc.toJS() as KubeObject | null;
    })
    .filter((o): o is KubeObject => o !== null);
}

function isBuiltIn(o: KubeObject): boolean {
  return !o.apiVersion.includes('.') || o.apiVersion.endsWith('.k8s.io/v1') || /^(apps|batch|policy|autoscaling)\//.test(o.apiVersion) || o.apiVersion.includes('.k8s.io/');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function merge(base: unknown, patch: unknown, builtIn: boolean): unknown {
  if (isPlainObject(base) && isPlainObject(patch)) {
    const out: Record<string, unknown> = { ...base };
    for (const [key, value] of Object.entries(patch)) out[key] = value === null ? undefined : merge(base[key], value, builtIn);
    for (const key of Object.keys(out)) if (out[key] === undefined) delete out[key];
    return out;
  }
  const named = (list: unknown[]) => list.every((item) => isPlainObject(item) && typeof item['name'] === 'string');
  if (builtIn && Array.isArray(base) && Array.isArray(patch) && named(base) && named(patch)) {
    const out = base.map((item) => {
      const over = (patch as Record<string, unknown>[]).find((p) => p['name'] === (item as Record<string, unknown>)['name']);
      return over ? merge(item, over, builtIn) : item;
    });
    for (const item of patch as Record<string, unknown>[]) if (!base.some((b) => (b as Record<string, unknown>)['name'] === item['name'])) out.push(item);
    return out;
  }
  return patch;
}

function setImages(o: KubeObject, image: { name: string; newName?: string; newTag?: string }): KubeObject {
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    if (!isPlainObject(node)) return;
    for (const key of ['containers', 'initContainers']) {
      const list = node[key];
      if (!Array.isArray(list)) continue;
      for (const container of list as Record<string, unknown>[]) {
        const current = String(container['image'] ?? '');
        const [name, tag] = current.includes('@') ? [current.split('@')[0], undefined] : splitTag(current);
        if (name !== image.name) continue;
        container['image'] = `${image.newName ?? name}${image.newTag ? `:${image.newTag}` : tag ? `:${tag}` : ''}`;
      }
    }
    Object.values(node).forEach(visit);
  };
  visit(o);
  return o;
}

function splitTag(image: string): [string, string | undefined] {
  const slash = image.lastIndexOf('/');
  const colon = image.lastIndexOf(':');
  return colon > slash ? [image.slice(0, colon), image.slice(colon + 1)] : [image, undefined];
}
