import { api, collectionPath, list, listFindings, listKinds, type Finding, type KindInfo, type KObject } from './api';

// Istio's configuration as the Istio Config page lists it: every kind of Istio's and the Gateway
// API's groups, read across namespaces, with its validation messages.

export const IstioGroups = ['networking.istio.io', 'security.istio.io', 'telemetry.istio.io', 'extensions.istio.io', 'gateway.networking.k8s.io'];

export interface ConfigItem { kindInfo: KindInfo; object: KObject; messages: ValidationMessage[] }
export interface ValidationMessage { code: string; level: string; message: string }

export async function istioKinds(): Promise<KindInfo[]> {
  return (await listKinds()).filter(k => IstioGroups.includes(k.group));
}

/**
 * The analysis API answers at least as new as the store when asked, while status.validationMessages
 * is rewritten a moment after a write: so the API is believed whenever it answered (no finding there
 * means none now), and the stored status only when it did not.
 */
export function messagesOf(o: KObject, findings: Finding[] | null): ValidationMessage[] {
  if (findings === null)
    return (o.status?.validationMessages ?? []).map((m: any) => ({ code: m.type?.code ?? '', level: m.level ?? '', message: m.description ?? '' }));
  return findings
    .filter(f => f.kind === o.kind && f.objectName === o.metadata.name && (f.namespace ?? '') === (o.metadata.namespace ?? ''))
    .map(f => ({ code: f.code, level: f.level.toUpperCase(), message: f.message }));
}

const findingsOrNull = () => listFindings().catch(() => null);

export async function loadIstioConfig(): Promise<ConfigItem[]> {
  const [kinds, findings] = await Promise.all([istioKinds(), findingsOrNull()]);
  const lists = await Promise.all(kinds.map(async k => {
    try { return (await list(k.group, k.versions[0], k.plural)).map(o => ({ kindInfo: k, object: o, messages: messagesOf(o, findings) })); }
    catch { return []; }
  }));
  return lists.flat().sort((a, b) =>
    (a.object.metadata.namespace ?? '').localeCompare(b.object.metadata.namespace ?? '') || a.object.kind.localeCompare(b.object.kind) || a.object.metadata.name.localeCompare(b.object.metadata.name));
}

export async function loadObject(group: string, plural: string, namespace: string, name: string) {
  const kinds = await istioKinds();
  const k = kinds.find(x => x.group === group && x.plural === plural);
  if (!k) throw new Error(`weftd knows no kind ${plural}.${group}`);
  const [object, findings] = await Promise.all([api<KObject>(`${collectionPath(group, k.versions[0], plural, namespace)}/${encodeURIComponent(name)}`), findingsOrNull()]);
  return { kindInfo: k, object, messages: messagesOf(object, findings) };
}

export function worstLevel(messages: ValidationMessage[]): 'ERROR' | 'WARNING' | 'INFO' | 'OK' {
  if (messages.some(m => m.level === 'ERROR')) return 'ERROR';
  if (messages.some(m => m.level === 'WARNING')) return 'WARNING';
  if (messages.length) return 'INFO';
  return 'OK';
}
