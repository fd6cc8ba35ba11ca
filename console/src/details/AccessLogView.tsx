import { Loading, Problem } from '../components';
import { useAsync } from '../useAsync';
import { fetchAccessLog } from './telemetry';

/** The sidecar's last access-log lines, read by weftd from its admin endpoint, refreshed every 5 s. */
export function AccessLogView({ namespace, name }: { namespace: string; name: string }) {
  const { value, error } = useAsync(() => fetchAccessLog(namespace, name, 200), [namespace, name], 5000);
  if (error) return <Problem error={error} title="Cannot read the sidecar's access log" />;
  if (!value) return <Loading />;
  return (
    <>
      <p>The last {value.lines.length} lines of <code>{value.proxy.id}</code>'s access log, newest last.</p>
      <pre className="weft-log" data-testid="access-log" data-lines={value.lines.length}>{value.lines.length ? value.lines.join('\n') : 'No request logged yet.'}</pre>
    </>
  );
}
