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

/** Kiali's default tolerance for 4xx: degraded above 10 %, failure at 20 % and above. */
export const clientErrorThresholds: Thresholds = { degraded: 10, failure: 20 };

const rank: Record<Health, number> = { na: 0, healthy: 1, degraded: 2, failure: 3 };

/** The worse of the 5xx health (configurable thresholds) and the 4xx health (Kiali's 10 % / 20 %). */
export function trafficHealth(requests: number, errors: number, clientErrors: number, t = thresholds()): Health {
  const a = health(requests, errors, t), b = health(requests, clientErrors, clientErrorThresholds);
  return rank[a] >= rank[b] ? a : b;
}

export const healthText: Record<Health, string> = { healthy: 'Healthy', degraded: 'Degraded', failure: 'Failure', na: 'No traffic' };

export function HealthLabel({ h }: { h: Health }) {
  const icon = h === 'healthy' ? '●' : h === 'degraded' ? '▲' : h === 'failure' ? '✖' : '○';
  return <span className={`weft-health-${h}`} data-health={h}>{icon} {healthText[h]}</span>;
}
