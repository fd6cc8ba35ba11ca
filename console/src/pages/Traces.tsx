import { useState } from 'react';
import { Button, FormSelect, FormSelectOption, Toolbar, ToolbarContent, ToolbarItem } from '@patternfly/react-core';
import { api } from '../api';
import { Header, Loading, Problem, Section, Table } from '../components';
import { useQuery } from '../router';
import { useAsync } from '../useAsync';

interface Span { traceID: string; spanID: string; operationName: string; startTime: number; duration: number; processID: string; references?: { spanID: string }[]; tags?: { key: string; value: any }[] }
interface Trace { traceID: string; spans: Span[]; processes: Record<string, { serviceName: string }> }

function hasError(s: Span) { return (s.tags ?? []).some(t => (t.key === 'error' && (t.value === true || t.value === 'true')) || (t.key === 'http.status_code' && Number(t.value) >= 500)); }

/** Jaeger's search over weftd's Jaeger-compatible query API: a service, its traces, one trace's waterfall. */
export function Traces() {
  const query = useQuery();
  const services = useAsync(() => api<{ data: string[] }>('/api/services'), []);
  const [service, setService] = useState(query.get('service') ?? '');
  const [open, setOpen] = useState<Trace | null>(null);
  const traces = useAsync(() => service ? api<{ data: Trace[] }>(`/api/traces?service=${encodeURIComponent(service)}&limit=50&lookback=1h`) : Promise.resolve({ data: [] }), [service]);
  if (services.error) return <><Header title="Traces" /><Section><Problem error={services.error} title="weftd's trace query API (/api/services) did not answer: tracing may not be in this weftd yet" /></Section></>;
  const list = (services.value?.data ?? []).slice().sort();
  return (
    <>
      <Header title="Traces" />
      <Section>
        <Toolbar><ToolbarContent><ToolbarItem>
          <FormSelect aria-label="Service" value={service} onChange={(_e, v) => { setService(v); setOpen(null); }}>
            <FormSelectOption value="" label="Choose a service" />
            {list.map(s => <FormSelectOption key={s} value={s} label={s} />)}
          </FormSelect>
        </ToolbarItem></ToolbarContent></Toolbar>
        <Problem error={traces.error} />
        {!traces.value ? <Loading /> : (
          <Table head={['Trace', 'Root', 'Spans', 'Duration', 'Errors', 'Started']} rows={traces.value.data.map(t => {
            const root = t.spans.reduce((a, s) => (a && a.startTime <= s.startTime ? a : s), t.spans[0]);
            const end = Math.max(...t.spans.map(s => s.startTime + s.duration));
            return [<Button variant="link" isInline onClick={() => setOpen(t)}>{t.traceID.slice(0, 16)}</Button>, root?.operationName ?? '', String(t.spans.length),
              `${((end - (root?.startTime ?? end)) / 1000).toFixed(1)} ms`, String(t.spans.filter(hasError).length), root ? new Date(root.startTime / 1000).toLocaleTimeString() : ''];
          })} />
        )}
      </Section>
      {open && <Section><Waterfall trace={open} /></Section>}
    </>
  );
}

function Waterfall({ trace }: { trace: Trace }) {
  const start = Math.min(...trace.spans.map(s => s.startTime));
  const end = Math.max(...trace.spans.map(s => s.startTime + s.duration));
  const total = Math.max(end - start, 1);
  const spans = trace.spans.slice().sort((a, b) => a.startTime - b.startTime);
  return (
    <div data-testid="waterfall">
      <h2 style={{ fontWeight: 600 }}>Trace {trace.traceID} · {(total / 1000).toFixed(1)} ms</h2>
      {spans.map(s => (
        <div key={s.spanID} style={{ display: 'flex', alignItems: 'center', fontSize: 12, margin: '2px 0' }}>
          <div style={{ width: 320, overflow: 'hidden', whiteSpace: 'nowrap' }}>{trace.processes[s.processID]?.serviceName}: {s.operationName}</div>
          <div style={{ flex: 1, position: 'relative', height: 14, background: '#f0f0f0' }}>
            <div style={{ position: 'absolute', left: `${(100 * (s.startTime - start)) / total}%`, width: `${Math.max((100 * s.duration) / total, 0.5)}%`, height: 14, background: hasError(s) ? '#c9190b' : '#0066cc' }} />
          </div>
          <div style={{ width: 80, textAlign: 'right' }}>{(s.duration / 1000).toFixed(1)} ms</div>
        </div>
      ))}
    </div>
  );
}
