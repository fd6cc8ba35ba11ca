import { api } from '../api';

// The telemetry engineer's workload graph (GET /apis/weft.io/v1/metrics/graph) and the other
// Kiali graph types, aggregated from it here so every number still comes from the proxies' metrics.

export interface GraphNode {
  id: string; namespace?: string; workload: string; app?: string; version?: string; kind?: string | null;
  mode?: string | null; hasSidecar?: boolean; unknown?: boolean;
}

export interface GraphEdge {
  source: string; target: string; service: string; protocol: string; requestRate: number; errorRate: number;
  errorPercent: number; p50Ms?: number | null; p95Ms: number | null; p99Ms?: number | null; throughputBytesPerSecond: number; mtlsPercent: number;
  responseCodes: Record<string, number>;
}

// metricsSource / maxDuration: which store answered (weftd's own, or the Prometheus of weftd --prometheus-url) and the longest window it keeps.
export interface Graph { nodes: GraphNode[]; edges: GraphEdge[]; duration: string; timestamp: string; metricsSource?: 'weftd' | 'prometheus'; maxDuration?: string }

/** Kiali's time ranges; the menu offers those the answering store keeps (weftd's own: 5m; a Prometheus: up to 1d). */
export const TIME_RANGES: [number, string][] = [
  [30, 'Last 30s'], [60, 'Last 1m'], [120, 'Last 2m'], [300, 'Last 5m'], [600, 'Last 10m'], [1800, 'Last 30m'], [3600, 'Last 1h'], [21600, 'Last 6h'], [86400, 'Last 1d'],
];

/** The longest window in seconds a graph answer allows ("300s" when it does not say). */
export function maxSeconds(graph: Graph | undefined): number {
  const text = graph?.maxDuration ?? '300s';
  return Number(text.replace(/s$/, '')) || 300;
}

export type GraphType = 'workload' | 'app' | 'versionedApp' | 'service';

export async function fetchGraph(namespaces: string[], durationSeconds: number): Promise<Graph> {
  const q = new URLSearchParams({ duration: `${durationSeconds}s` });
  if (namespaces.length) q.set('namespaces', namespaces.join(','));
  return api<Graph>(`/apis/weft.io/v1/metrics/graph?${q}`);
}

export interface ViewNode {
  id: string; label: string; namespace?: string; nodeType: 'workload' | 'app' | 'service' | 'unknown';
  kind?: string | null; isGateway: boolean; hasSidecar?: boolean; version?: string; app?: string; workloads: string[];
}

export interface ViewEdge {
  id: string; source: string; target: string; requestRate: number; errorRate: number; clientErrorRate: number; p50Ms: number | null; p95Ms: number | null; p99Ms: number | null;
  throughput: number; mtlsPercent: number; protocol: string; percentOfSource: number; codes: Record<string, number>;
}

function isGateway(n: GraphNode) {
  return (n.mode ?? '').toLowerCase().includes('gateway') || /gateway/i.test(n.workload);
}

/** One graph of the chosen type: nodes merged by app, version or service; edges summed, each percentile the worst of the merged. */
export function view(g: Graph, type: GraphType): { nodes: ViewNode[]; edges: ViewEdge[] } {
  const byId = new Map(g.nodes.map(n => [n.id, n]));
  const nodes = new Map<string, ViewNode>();
  const keyOf = (n: GraphNode | undefined, id: string): string => {
    if (!n || n.unknown) return 'unknown';
    if (isGateway(n)) return `wl:${n.id}`;
    if (type === 'app') return `app:${n.namespace}/${n.app || n.workload}`;
    if (type === 'versionedApp') return `app:${n.namespace}/${n.app || n.workload}:${n.version || ''}`;
    return `wl:${id}`;
  };
  const add = (key: string, n: GraphNode | undefined) => {
    const existing = nodes.get(key);
    if (existing) { if (n && !existing.workloads.includes(n.workload)) existing.workloads.push(n.workload); return; }
    if (!n || n.unknown) {
      nodes.set(key, { id: key, label: 'unknown', nodeType: 'unknown', isGateway: false, workloads: [] });
      return;
    }
    const appName = n.app || n.workload;
    const label = key.startsWith('app:') ? (type === 'versionedApp' && n.version ? `${appName} ${n.version}` : appName) : n.workload;
    nodes.set(key, {
      id: key, label, namespace: n.namespace, nodeType: key.startsWith('app:') ? 'app' : 'workload', kind: n.kind,
      isGateway: isGateway(n), hasSidecar: n.hasSidecar, version: n.version, app: n.app, workloads: [n.workload],
    });
  };
  const edges = new Map<string, ViewEdge>();
  const addEdge = (s: string, t: string, e: GraphEdge) => {
    const id = `${s}->${t}`;
    let v = edges.get(id);
    if (!v) edges.set(id, v = { id, source: s, target: t, requestRate: 0, errorRate: 0, clientErrorRate: 0, p50Ms: null, p95Ms: null, p99Ms: null, throughput: 0, mtlsPercent: 0, protocol: e.protocol, percentOfSource: 0, codes: {} });
    const mtlsBefore = v.mtlsPercent * v.requestRate;
    v.requestRate += e.requestRate;
    v.errorRate += e.errorRate;
    v.throughput += e.throughputBytesPerSecond;
    v.mtlsPercent = v.requestRate > 0 ? (mtlsBefore + e.mtlsPercent * e.requestRate) / v.requestRate : Math.max(v.mtlsPercent, e.mtlsPercent);
    if (e.p50Ms != null) v.p50Ms = Math.max(v.p50Ms ?? 0, e.p50Ms);
    if (e.p95Ms != null) v.p95Ms = Math.max(v.p95Ms ?? 0, e.p95Ms);
    if (e.p99Ms != null) v.p99Ms = Math.max(v.p99Ms ?? 0, e.p99Ms);
    for (const [c, r] of Object.entries(e.responseCodes ?? {})) {
      v.codes[c] = (v.codes[c] ?? 0) + r;
      // Kiali counts 4xx apart from 5xx (its own thresholds): a denied call (403) is an error too.
      if (c.startsWith('4')) v.clientErrorRate += r;
    }
  };
  for (const e of g.edges) {
    const s = byId.get(e.source), t = byId.get(e.target);
    const sk = keyOf(s, e.source), tk = keyOf(t, e.target);
    add(sk, s);
    add(tk, t);
    if (type === 'service' && e.service) {
      // Kiali's service graph: caller -> service -> the workloads behind it.
      const svc = `svc:${e.service}`;
      if (!nodes.has(svc)) nodes.set(svc, { id: svc, label: e.service.split('.')[0], namespace: e.service.split('.')[1], nodeType: 'service', isGateway: false, workloads: [] });
      addEdge(sk, svc, e);
      addEdge(svc, tk, e);
    } else {
      addEdge(sk, tk, e);
    }
  }
  // Traffic distribution: each edge's share of what its source sent.
  const out = new Map<string, number>();
  for (const e of edges.values()) out.set(e.source, (out.get(e.source) ?? 0) + e.requestRate);
  for (const e of edges.values()) e.percentOfSource = (out.get(e.source) ?? 0) > 0 ? (100 * e.requestRate) / out.get(e.source)! : 0;
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}

export function formatRate(r: number) { return r >= 10 ? r.toFixed(1) : r.toFixed(2); }
export function formatBytes(b: number) {
  if (b >= 1 << 20) return `${(b / (1 << 20)).toFixed(1)} MB/s`;
  if (b >= 1 << 10) return `${(b / (1 << 10)).toFixed(1)} kB/s`;
  return `${b.toFixed(0)} B/s`;
}
