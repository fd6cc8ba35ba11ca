import { useState } from 'react';
import { Button } from '@patternfly/react-core';
import { Loading, Problem, Table } from '../components';
import { useAsync } from '../useAsync';
import { fetchTraces, hasError, type Trace } from './telemetry';

/** The service's recent traces (Jaeger's API over weftd's trace store), one trace's spans on a click. */
export function TracesTable({ service }: { service: string }) {
  const { value, error } = useAsync(() => fetchTraces(service), [service], 15000);
  const [open, setOpen] = useState<Trace | null>(null);
  if (error) return <Problem error={error} title="Cannot read the traces" />;
  if (!value) return <Loading />;
  const rows = value.map(t => {
    const root = t.spans.reduce((a, s) => (a && a.startTime <= s.startTime ? a : s), t.spans[0]);
    const end = Math.max(...t.spans.map(s => s.startTime + s.duration));
    return [
      <Button variant="link" isInline onClick={() => setOpen(t)}>{t.traceID.slice(0, 16)}</Button>, root?.operationName ?? '', String(t.spans.length),
      `${((end - (root?.startTime ?? end)) / 1000).toFixed(1)} ms`, String(t.spans.filter(hasError).length), root ? new Date(root.startTime / 1000).toLocaleTimeString() : '',
    ];
  });
  return (
    <>
      <p>Spans reported by the sidecars for <code>{service}</code> in the last hour (the mesh samples a share of requests).</p>
      <Table testId="traces" head={['Trace', 'Root span', 'Spans', 'Duration', 'Errors', 'Started']} rows={rows} rowKeys={value.map(t => t.traceID)} />
      {open && (
        <div data-testid="trace-spans" style={{ marginTop: 12 }}>
          <strong>Trace {open.traceID}</strong>
          <Table head={['Service', 'Operation', 'Duration', 'Error']} rows={open.spans.slice().sort((a, b) => a.startTime - b.startTime).map(s => [
            open.processes[s.processID]?.serviceName ?? '', s.operationName, `${(s.duration / 1000).toFixed(1)} ms`, hasError(s) ? 'yes' : '',
          ])} />
        </div>
      )}
    </>
  );
}
