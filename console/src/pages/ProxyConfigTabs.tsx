import { useState } from 'react';
import { Tab, Tabs, TabTitleText } from '@patternfly/react-core';
import { Loading, Problem, Table } from '../components';
import { proxyConfig } from '../mesh';
import { useAsync } from '../useAsync';

// What `weft proxy-config` prints, as tables: the proxy's own snapshot (config_dump) and its
// endpoints' health (/clusters), read by weftd from the proxy's admin endpoint.

function pathOf(m: any): string {
  const p = m?.path;
  if (!p) return '*';
  if (p.exact) return p.exact;
  if (p.prefix) return p.prefix + '*';
  if (p.pathSeparatedPrefix) return p.pathSeparatedPrefix + '/*';
  if (p.regex) return '~' + p.regex;
  return '*';
}

function chainMatch(m: any, port: number): string {
  const parts: string[] = [];
  if (m?.serverNames?.length) parts.push('SNI: ' + m.serverNames.join(','));
  if (m?.destinationHosts?.length) parts.push(`Addr: ${m.destinationHosts[0]}:${m.destinationPort}` + (m.destinationHosts.length > 1 ? ` (+${m.destinationHosts.length - 1} names)` : ''));
  else if (m?.destinationPort && m.destinationPort !== port) parts.push(`Port: ${m.destinationPort}`);
  if (m?.transportProtocol) parts.push('Trans: ' + m.transportProtocol);
  return parts.length ? parts.join('; ') : 'ALL';
}

function destination(c: any): string {
  if (c?.http) return 'Route: ' + c.http.routeConfigName;
  if (c?.tcp) return 'Cluster: ' + (c.tcp.clusters ?? []).map((w: any) => w.name + (c.tcp.clusters.length > 1 ? ` (${w.weight})` : '')).join(', ');
  return '-';
}

export function ProxyConfigTabs({ namespace, name }: { namespace: string; name: string }) {
  const [tab, setTab] = useState<string | number>('listeners');
  const { value, error } = useAsync(() => proxyConfig(namespace, name), [namespace, name]);
  if (error) return <Problem error={error} title="Cannot read the sidecar's config" />;
  if (!value) return <Loading />;
  const s = value.snapshot ?? {};
  const listeners = (s.listeners ?? []).flatMap((l: any) => [
    ...(l.filterChains ?? []).map((c: any) => [l.address, String(l.port), chainMatch(c.match, l.port), destination(c)]),
    ...(l.defaultFilterChain ? [[l.address, String(l.port), 'ALL', destination(l.defaultFilterChain)]] : []),
  ]);
  const routes = (s.routeConfigurations ?? []).flatMap((rc: any) => (rc.virtualHosts ?? []).flatMap((vh: any) => (vh.routes ?? []).map((r: any) => [
    rc.name, vh.name, (vh.domains ?? []).slice(0, 2).join(', ') + ((vh.domains ?? []).length > 2 ? ` + ${vh.domains.length - 2} more` : ''),
    pathOf(r.match) + ((r.match?.headers?.length ?? 0) ? ` (+${r.match.headers.length} header conditions)` : ''), r.virtualService ?? '',
  ])));
  const clusters = (s.clusters ?? []).map((c: any) => {
    const parts = String(c.name).split('|');
    return [c.serviceName || c.name, c.port ? String(c.port) : '-', c.subset || '-', parts.length === 4 ? parts[0] : '-', String(c.type ?? ''), c.destinationRule ?? '', c.outlierDetection ? 'yes' : ''];
  });
  const endpoints = (value.clusters?.clusters ?? []).flatMap((c: any) => (c.endpoints ?? []).map((e: any) => [e.address, String(e.health ?? '').toUpperCase(), e.ejected ? 'FAILED' : 'OK', c.name]));
  return (
    <div data-testid="proxy-config">
      <p>Proxy <code>{value.proxy?.id}</code>, admin at <code>{value.proxy?.adminAddress}</code>, snapshot version <code>{s.version ?? value.proxy?.ackedVersion ?? '?'}</code></p>
      <Tabs activeKey={tab} onSelect={(_e, k) => setTab(k)}>
        <Tab eventKey="listeners" title={<TabTitleText>Listeners ({listeners.length})</TabTitleText>}>
          <Table testId="listeners" head={['Address', 'Port', 'Match', 'Destination']} rows={listeners} />
        </Tab>
        <Tab eventKey="routes" title={<TabTitleText>Routes ({routes.length})</TabTitleText>}>
          <Table testId="routes" head={['Name', 'Virtual host', 'Domains', 'Match', 'VirtualService']} rows={routes} />
        </Tab>
        <Tab eventKey="clusters" title={<TabTitleText>Clusters ({clusters.length})</TabTitleText>}>
          <Table testId="clusters" head={['Service FQDN', 'Port', 'Subset', 'Direction', 'Type', 'DestinationRule', 'Outlier detection']} rows={clusters} />
        </Tab>
        <Tab eventKey="endpoints" title={<TabTitleText>Endpoints ({endpoints.length})</TabTitleText>}>
          <Table testId="endpoints" head={['Endpoint', 'Status', 'Outlier check', 'Cluster']} rows={endpoints} />
        </Tab>
      </Tabs>
    </div>
  );
}
