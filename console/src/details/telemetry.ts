import { api } from '../api';

// What the detail pages read besides the mesh: weftd's metrics query API (from its own scrapes of
// the sidecars), the Jaeger-compatible trace API, and a sidecar's access log tailed through weftd.

export type Direction = 'inbound' | 'outbound';

export interface MetricSeries {
  requestRate: (number | null)[]; errorRate: (number | null)[]; clientErrorRate: (number | null)[];
  p50Ms: (number | null)[]; p95Ms: (number | null)[]; p99Ms: (number | null)[];
}

export interface Metrics {
  direction: Direction; duration: string; step: string; timestamps: number[]; series: MetricSeries; metricsSource?: 'weftd' | 'prometheus'; maxDuration?: string;
  totals: { requestRate: number | null; errorRate: number | null; clientErrorRate: number | null; p50Ms: number | null; p95Ms: number | null; p99Ms: number | null };
}

export function fetchMetrics(kind: 'workloads' | 'services', namespace: string, name: string, direction: Direction, durationSeconds: number): Promise<Metrics> {
  // About 20 points whatever the window, never finer than weftd's 5 s scrapes.
  const step = Math.max(5, Math.round(durationSeconds / 20));
  const q = new URLSearchParams({ direction, duration: `${durationSeconds}s`, step: `${step}s` });
  return api<Metrics>(`/apis/weft.io/v1/metrics/namespaces/${encodeURIComponent(namespace)}/${kind}/${encodeURIComponent(name)}?${q}`);
}

export interface AccessLog { lines: string[]; proxy: { id: string } }

export function fetchAccessLog(namespace: string, name: string, lines: number): Promise<AccessLog> {
  return api<AccessLog>(`/apis/weft.io/v1/console/namespaces/${encodeURIComponent(namespace)}/accesslog/${encodeURIComponent(name)}?lines=${lines}`);
}

export interface Span { traceID: string; spanID: string; operationName: string; startTime: number; duration: number; processID: string; tags?: { key: string; value: any }[] }
export interface Trace { traceID: string; spans: Span[]; processes: Record<string, { serviceName: string }> }

/** The traces of a canonical service (the sidecars name spans' service APP.NAMESPACE, as Istio does). */
export async function fetchTraces(service: string, lookback = '1h', limit = 20): Promise<Trace[]> {
  const q = new URLSearchParams({ service, limit: String(limit), lookback });
  return (await api<{ data: Trace[] }>(`/api/traces?${q}`)).data ?? [];
}

export function hasError(s: Span) {
  return (s.tags ?? []).some(t => (t.key === 'error' && (t.value === true || t.value === 'true')) || (t.key === 'http.status_code' && Number(t.value) >= 500));
}
