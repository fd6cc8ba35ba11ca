// Kiali's request health: the share of requests that failed against two thresholds, configurable
// (Kiali's defaults: degraded above 0.1 %, failure at 20 % and above). No traffic is "no health
// information", as in Kiali, not healthy.

export type Health = 'healthy' | 'degraded' | 'failure' | 'na';

export interface Thresholds { degraded: number; failure: number }

const Key = 'weft.health.thresholds';

export function thresholds(): Thresholds {
  try {
    const t = JSON.parse(localStorage.getItem(Key) ?? '');
    if (typeof t.degraded === 'number' && typeof t.failure === 'number') return t;
  } catch { /* the defaults */ }
  return { degraded: 0.1, failure: 20 };
}

export function saveThresholds(t: Thresholds) { localStorage.setItem(Key, JSON.stringify(t)); }

export function health(requests: number, errors: number, t = thresholds()): Health {
  if (requests <= 0) return 'na';
  const pct = (100 * errors) / requests;
  if (pct >= t.failure) return 'failure';
  if (pct > t.degraded) return 'degraded';
  return 'healthy';
}

export const healthText: Record<Health, string> = { healthy: 'Healthy', degraded: 'Degraded', failure: 'Failure', na: 'No traffic' };

export function HealthLabel({ h }: { h: Health }) {
  const icon = h === 'healthy' ? '●' : h === 'degraded' ? '▲' : h === 'failure' ? '✖' : '○';
  return <span className={`weft-health-${h}`} data-health={h}>{icon} {healthText[h]}</span>;
}
