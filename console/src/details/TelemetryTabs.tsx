import { useState } from 'react';
import { FormSelect, FormSelectOption, Tab, Tabs, TabTitleText } from '@patternfly/react-core';
import { AccessLogView } from './AccessLogView';
import { MetricsCharts } from './MetricsCharts';
import { TIME_RANGES } from '../graph/graphData';
import { TracesTable } from './TracesTable';

/**
 * Kiali's detail tabs for a workload or a service: inbound and outbound metrics over a chosen
 * window, the app's traces and (for a workload with a sidecar) its access log.
 */
export function TelemetryTabs({ kind, namespace, name, traceService, accessLog }: {
  kind: 'workloads' | 'services'; namespace: string; name: string; traceService: string; accessLog: boolean;
}) {
  const [tab, setTab] = useState<string | number>('inbound');
  const [duration, setDuration] = useState(300);
  // Windows beyond weftd's 5 minutes when a Prometheus backs it (the metrics answer says how far back it goes).
  const [maxWindow, setMaxWindow] = useState(300);
  return (
    <div data-testid="telemetry-tabs">
      <div style={{ maxWidth: 180, marginBottom: 8 }}>
        <FormSelect aria-label="Metrics window" value={String(duration)} onChange={(_e, x) => setDuration(Number(x))} data-testid="metrics-duration">
          {TIME_RANGES.filter(([secs]) => secs >= 60 && (secs <= maxWindow || secs === duration)).map(([secs, text]) => <FormSelectOption key={secs} value={String(secs)} label={text} />)}
        </FormSelect>
      </div>
      <Tabs activeKey={tab} onSelect={(_e, k) => setTab(k)} mountOnEnter>
        <Tab eventKey="inbound" title={<TabTitleText>Inbound metrics</TabTitleText>}>
          <MetricsCharts kind={kind} namespace={namespace} name={name} direction="inbound" duration={duration} onMaxDuration={setMaxWindow} />
        </Tab>
        {kind === 'workloads' && (
          <Tab eventKey="outbound" title={<TabTitleText>Outbound metrics</TabTitleText>}>
            <MetricsCharts kind={kind} namespace={namespace} name={name} direction="outbound" duration={duration} />
          </Tab>
        )}
        <Tab eventKey="traces" title={<TabTitleText>Traces</TabTitleText>}>
          <TracesTable service={traceService} />
        </Tab>
        {accessLog && (
          <Tab eventKey="logs" title={<TabTitleText>Access log</TabTitleText>}>
            <AccessLogView namespace={namespace} name={name} />
          </Tab>
        )}
      </Tabs>
    </div>
  );
}
