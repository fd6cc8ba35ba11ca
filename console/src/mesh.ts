import { api, KindAnnotation, list, listNamespaces, listProxies, SidecarAnnotation, WorkloadEntries, type KObject, type Proxy } from './api';

// The mesh as the pages see it: WorkloadEntries (VMs and containers alike), Services and
// ServiceEntries, and the proxies connected to weftd, joined once here.

export interface Workload {
  name: string; namespace: string; kind: string; labels: Record<string, string>; address?: string;
  serviceAccount?: string; app?: string; version?: string; sidecar: 'connected' | 'injected' | 'none';
  proxy?: Proxy; entry: KObject;
}

export interface Service {
  name: string; namespace: string; kind: 'Service' | 'ServiceEntry'; selector: Record<string, string>;
  ports: { name?: string; port: number; protocol?: string }[]; hosts: string[]; object: KObject;
}

export interface Mesh { namespaces: string[]; workloads: Workload[]; services: Service[]; proxies: Proxy[] }

export function selects(selector: Record<string, string>, labels: Record<string, string>) {
  const keys = Object.keys(selector);
  return keys.length > 0 && keys.every(k => labels[k] === selector[k]);
}

export async function loadMesh(): Promise<Mesh> {
  const [namespaces, entries, services, serviceEntries, proxies] = await Promise.all([
    listNamespaces(),
    list(WorkloadEntries.group, WorkloadEntries.version, WorkloadEntries.plural),
    list('', 'v1', 'services'),
    list('networking.istio.io', 'v1', 'serviceentries'),
    listProxies(),
  ]);
  const workloads = entries.map(e => toWorkload(e, proxies)).sort(byNamespaceName);
  const svcs: Service[] = [
    ...services.map(s => ({
      name: s.metadata.name, namespace: s.metadata.namespace ?? 'default', kind: 'Service' as const,
      selector: s.spec?.selector ?? {}, ports: s.spec?.ports ?? [],
      hosts: [`${s.metadata.name}.${s.metadata.namespace ?? 'default'}.svc.cluster.local`], object: s,
    })),
    ...serviceEntries.map(s => ({
      name: s.metadata.name, namespace: s.metadata.namespace ?? 'default', kind: 'ServiceEntry' as const,
      selector: s.spec?.workloadSelector?.labels ?? {}, ports: (s.spec?.ports ?? []).map((p: any) => ({ name: p.name, port: p.number, protocol: p.protocol })),
      hosts: s.spec?.hosts ?? [], object: s,
    })),
  ].sort(byNamespaceName);
  return { namespaces, workloads, services: svcs, proxies };
}

function toWorkload(e: KObject, proxies: Proxy[]): Workload {
  // A WorkloadEntry's own labels are spec.labels (what Services select); metadata labels ride along.
  const labels: Record<string, string> = { ...(e.metadata.labels ?? {}), ...(e.spec?.labels ?? {}) };
  const ns = e.metadata.namespace ?? 'default';
  const annotations = e.metadata.annotations ?? {};
  const proxy = proxies.find(p => p.name === e.metadata.name && p.namespace === ns && p.connected)
    ?? proxies.find(p => p.name === e.metadata.name && p.namespace === ns);
  const sidecar = proxy?.connected ? 'connected' : annotations[SidecarAnnotation] === 'true' ? 'injected' : 'none';
  return {
    name: e.metadata.name, namespace: ns, kind: annotations[KindAnnotation] ?? 'Unknown', labels,
    address: e.spec?.address, serviceAccount: e.spec?.serviceAccount, app: labels['app'], version: labels['version'],
    sidecar, proxy, entry: e,
  };
}

function byNamespaceName(a: { namespace: string; name: string }, b: { namespace: string; name: string }) {
  return a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name);
}

export interface App { name: string; namespace: string; workloads: Workload[]; versions: string[]; services: Service[] }

export function appsOf(mesh: Mesh): App[] {
  const apps = new Map<string, App>();
  for (const w of mesh.workloads) {
    const name = w.app ?? w.name;
    const key = `${w.namespace}/${name}`;
    let a = apps.get(key);
    if (!a) apps.set(key, a = { name, namespace: w.namespace, workloads: [], versions: [], services: [] });
    a.workloads.push(w);
    if (w.version && !a.versions.includes(w.version)) a.versions.push(w.version);
  }
  for (const a of apps.values())
    a.services = mesh.services.filter(s => s.namespace === a.namespace && a.workloads.some(w => selects(s.selector, w.labels)));
  return [...apps.values()];
}

export async function proxyConfig(namespace: string, name: string) {
  return api<any>(`/apis/weft.io/v1/console/namespaces/${encodeURIComponent(namespace)}/proxyconfig/${encodeURIComponent(name)}`);
}
