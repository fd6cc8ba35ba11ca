// Every call to weftd goes through here: the token from the login page as a bearer token, and
// Kubernetes Status errors turned into messages that keep their field paths.

const TokenKey = 'weft.token';

export function getToken(): string | null {
  return sessionStorage.getItem(TokenKey);
}

export function setToken(token: string | null) {
  if (token) sessionStorage.setItem(TokenKey, token);
  else sessionStorage.removeItem(TokenKey);
}

export interface StatusCause { reason?: string; message?: string; field?: string }

/** A failed API call: HTTP status, the Status message, and every cause with its field path. */
export class ApiError extends Error {
  constructor(public readonly code: number, message: string, public readonly causes: StatusCause[] = []) {
    super(message);
  }
}

export async function api<T = any>(path: string, init: RequestInit = {}): Promise<T> {
  const token = getToken();
  const headers = new Headers(init.headers);
  if (token) headers.set('Authorization', `Bearer ${token}`);
  if (init.body && !headers.has('Content-Type')) headers.set('Content-Type', 'application/json');
  const res = await fetch(path, { ...init, headers });
  const text = await res.text();
  let body: any = null;
  try { body = text ? JSON.parse(text) : null; } catch { body = text; }
  if (!res.ok) {
    if (res.status === 401) window.dispatchEvent(new Event('weft-unauthorized'));
    const message = body && typeof body === 'object' && body.message ? body.message : `${init.method ?? 'GET'} ${path} answered ${res.status}`;
    throw new ApiError(res.status, message, body?.details?.causes ?? []);
  }
  return body as T;
}

/** Checks a token without keeping it: the login page's test. */
export async function checkToken(token: string): Promise<string | null> {
  const res = await fetch('/version', { headers: { Authorization: `Bearer ${token}` } });
  if (res.ok) return null;
  try { return (await res.json()).message; } catch { return `weftd answered ${res.status}`; }
}

export interface ObjectMeta {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  resourceVersion?: string;
  creationTimestamp?: string;
  generation?: number;
}

export interface KObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  spec?: any;
  status?: any;
}

export interface KindInfo {
  group: string;
  kind: string;
  plural: string;
  versions: string[];
  namespaced: boolean;
  support?: string;
}

export async function listKinds(): Promise<KindInfo[]> {
  return (await api<{ items: KindInfo[] }>('/apis/weft.io/v1/kinds')).items;
}

export function collectionPath(group: string, version: string, plural: string, namespace?: string) {
  const base = group === '' || group === 'core' ? `/api/${version}` : `/apis/${group}/${version}`;
  return namespace ? `${base}/namespaces/${namespace}/${plural}` : `${base}/${plural}`;
}

export async function list(group: string, version: string, plural: string, namespace?: string): Promise<KObject[]> {
  return (await api<{ items: KObject[] }>(collectionPath(group, version, plural, namespace))).items ?? [];
}

export interface ApplyItem { apiVersion: string; kind: string; namespace?: string; name: string; action: string }

/** weftd's batch apply; dryRun admits everything and writes nothing. */
export async function apply(items: KObject[], dryRun: boolean): Promise<ApplyItem[]> {
  const body = JSON.stringify({ apiVersion: 'v1', kind: 'List', items });
  return (await api<{ items: ApplyItem[] }>(`/apis/weft.io/v1/apply${dryRun ? '?dryRun=All' : ''}`, { method: 'POST', body })).items;
}

/** Validates with dryRun first, so nothing is written unless every item is admitted. */
export async function validateThenApply(items: KObject[]): Promise<ApplyItem[]> {
  await apply(items, true);
  return apply(items, false);
}

export interface Proxy {
  id: string; name: string; namespace: string; kind?: string; mode?: string; address?: string;
  adminAddress?: string; connected: boolean; sentVersion?: string; ackedVersion?: string;
  lastNack?: { version: string; error: string; at: string } | null;
}

export async function listProxies(): Promise<Proxy[]> {
  return (await api<{ items: Proxy[] }>('/apis/weft.io/v1/proxies')).items ?? [];
}

export interface Finding { code: string; name: string; level: string; message: string; group: string; kind: string; namespace?: string; objectName: string }

export async function listFindings(): Promise<Finding[]> {
  return (await api<{ items: Finding[] }>('/apis/weft.io/v1/analysis')).items ?? [];
}

export async function listNamespaces(): Promise<string[]> {
  const items = await list('', 'v1', 'namespaces');
  return items.map(n => n.metadata.name).sort();
}

export const WorkloadEntries = { group: 'networking.istio.io', version: 'v1', plural: 'workloadentries' };
export const KindAnnotation = 'weft.io/kind';
export const SidecarAnnotation = 'weft.io/sidecar';
