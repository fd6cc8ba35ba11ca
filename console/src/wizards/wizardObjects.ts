import type { KObject } from '../api';

// What each wizard writes: ordinary VirtualService and DestinationRule objects, named after the
// service as Kiali's wizards name them, labelled with the wizard that made them; the user can
// open and edit them on the Istio Config page like anything else.

export type WizardKind = 'traffic-shifting' | 'request-routing' | 'fault-injection' | 'circuit-breaker';

export const WizardLabel = 'weft.io/wizard';

export interface Target { name: string; namespace: string; host: string; versions: string[]; existingDr?: KObject }

function meta(t: Target, wizard: WizardKind) {
  return { name: t.name, namespace: t.namespace, labels: { [WizardLabel]: wizard } };
}

function subsetDr(t: Target, wizard: WizardKind, trafficPolicy?: any): KObject {
  const old = t.existingDr?.spec ?? {};
  const subsets = t.versions.map(v => ({ name: v, labels: { version: v } }));
  // Subsets the user added by hand survive; the wizard only adds the versions it knows.
  for (const s of old.subsets ?? []) if (!subsets.some(x => x.name === s.name)) subsets.push(s);
  const spec: any = { ...old, host: t.host, subsets };
  if (trafficPolicy !== undefined) spec.trafficPolicy = { ...(old.trafficPolicy ?? {}), ...trafficPolicy };
  return { apiVersion: 'networking.istio.io/v1', kind: 'DestinationRule', metadata: { ...meta(t, wizard), ...(t.existingDr ? { labels: { ...(t.existingDr.metadata.labels ?? {}), [WizardLabel]: wizard } } : {}) }, spec };
}

export function trafficShifting(t: Target, weights: Record<string, number>): KObject[] {
  const route = t.versions.filter(v => (weights[v] ?? 0) > 0).map(v => ({ destination: { host: t.host, subset: v }, weight: weights[v] }));
  return [
    subsetDr(t, 'traffic-shifting'),
    { apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: meta(t, 'traffic-shifting'), spec: { hosts: [t.host], http: [{ route }] } },
  ];
}

export interface HeaderRule { header: string; match: 'exact' | 'prefix' | 'regex'; value: string; version: string }

export function requestRouting(t: Target, rules: HeaderRule[], fallback: string): KObject[] {
  const http: any[] = rules.map(r => ({
    match: [{ headers: { [r.header.toLowerCase()]: { [r.match]: r.value } } }],
    route: [{ destination: { host: t.host, subset: r.version } }],
  }));
  http.push({ route: [{ destination: { host: t.host, subset: fallback } }] });
  return [
    subsetDr(t, 'request-routing'),
    { apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: meta(t, 'request-routing'), spec: { hosts: [t.host], http } },
  ];
}

export interface Fault { delayPercent: number; delay: string; abortPercent: number; status: number }

export function faultInjection(t: Target, f: Fault): KObject[] {
  const fault: any = {};
  if (f.delayPercent > 0) fault.delay = { percentage: { value: f.delayPercent }, fixedDelay: f.delay };
  if (f.abortPercent > 0) fault.abort = { percentage: { value: f.abortPercent }, httpStatus: f.status };
  return [{
    apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: meta(t, 'fault-injection'),
    spec: { hosts: [t.host], http: [{ fault, route: [{ destination: { host: t.host } }] }] },
  }];
}

export interface Breaker { consecutive5xxErrors: number; interval: string; baseEjectionTime: string; maxEjectionPercent: number; maxPendingRequests: number }

export function circuitBreaker(t: Target, b: Breaker): KObject[] {
  const policy: any = {
    outlierDetection: { consecutive5xxErrors: b.consecutive5xxErrors, interval: b.interval, baseEjectionTime: b.baseEjectionTime, maxEjectionPercent: b.maxEjectionPercent },
  };
  if (b.maxPendingRequests > 0) policy.connectionPool = { http: { http1MaxPendingRequests: b.maxPendingRequests } };
  return [subsetDr(t, 'circuit-breaker', policy)];
}
