import { useEffect } from 'react';
import { Problem, Loading } from '../components';
import { useAsync } from '../useAsync';
import { LineChart } from './LineChart';
import { fetchMetrics, type Direction } from './telemetry';

/** Kiali's inbound / outbound metrics tab: request rate, errors and p50/p95/p99 duration over the window. */
export function MetricsCharts({ kind, namespace, name, direction, duration, onMaxDuration }: {
  kind: 'workloads' | 'services'; namespace: string; name: string; direction: Direction; duration: number;
  /** Told the longest window the answering store keeps, in seconds (300 for weftd's own, more with a Prometheus). */
  onMaxDuration?: (seconds: number) => void;
}) {
  const { value: m, error } = useAsync(() => fetchMetrics(kind, namespace, name, direction, duration), [kind, namespace, name, direction, duration], 15000);
  useEffect(() => { if (m && onMaxDuration) onMaxDuration(Number((m.maxDuration ?? '300s').replace(/s$/, '')) || 300); }, [m, onMaxDuration]);
  if (error) return <Problem error={error} title={`Cannot read the ${direction} metrics`} />;
  if (!m) return <Loading />;
  const s = m.series;
  const rate = (v: number | null) => v == null ? '-' : `${v.toFixed(2)} rps`;
  const ms = (v: number | null) => v == null ? '-' : `${v.toFixed(1)} ms`;
  return (
    <div data-testid={`metrics-${direction}`}>
      <p data-testid={`metrics-${direction}-totals`}>
        Over the last {m.duration}: {rate(m.totals.requestRate)}, 5xx {rate(m.totals.errorRate)}, 4xx {rate(m.totals.clientErrorRate)};
        duration p50 {ms(m.totals.p50Ms)}, p95 {ms(m.totals.p95Ms)}, p99 {ms(m.totals.p99Ms)}
      </p>
      <div className="weft-charts">
        <LineChart testId={`chart-${direction}-rate`} title="Request volume" unit="requests/s" timestamps={m.timestamps} lines={[
          { name: 'requests', colour: '#0066cc', values: s.requestRate },
        ]} />
        <LineChart testId={`chart-${direction}-errors`} title="Request errors" unit="requests/s" timestamps={m.timestamps} lines={[
          { name: '5xx', colour: '#c9190b', values: s.errorRate },
          { name: '4xx', colour: '#f0ab00', values: s.clientErrorRate },
        ]} />
        <LineChart testId={`chart-${direction}-duration`} title="Request duration" unit="ms" timestamps={m.timestamps} lines={[
          { name: 'p50', colour: '#3e8635', values: s.p50Ms },
          { name: 'p95', colour: '#f0ab00', values: s.p95Ms },
          { name: 'p99', colour: '#c9190b', values: s.p99Ms },
        ]} />
      </div>
    </div>
  );
}
