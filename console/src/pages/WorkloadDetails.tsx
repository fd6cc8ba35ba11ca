import { Card, CardBody, CardTitle, DescriptionList, DescriptionListDescription, DescriptionListGroup, DescriptionListTerm } from '@patternfly/react-core';
import { Header, KindBadge, Labels, Loading, Problem, Section, SidecarBadge } from '../components';
import { loadMesh, selects } from '../mesh';
import { Link } from '../router';
import { useAsync } from '../useAsync';
import { TelemetryTabs } from '../details/TelemetryTabs';
import { ProxyConfigTabs } from './ProxyConfigTabs';

export function WorkloadDetails({ namespace, name }: { namespace: string; name: string }) {
  const { value: mesh, error } = useAsync(loadMesh, [namespace, name]);
  const w = mesh?.workloads.find(x => x.namespace === namespace && x.name === name);
  const item = (term: string, v: React.ReactNode) => (
    <DescriptionListGroup><DescriptionListTerm>{term}</DescriptionListTerm><DescriptionListDescription>{v}</DescriptionListDescription></DescriptionListGroup>
  );
  return (
    <>
      <Header title={`Workload ${name}`}><p>Namespace {namespace}</p></Header>
      <Section>
        <Problem error={error} />
        {!mesh ? <Loading /> : !w ? <Problem error={new Error(`no WorkloadEntry ${namespace}/${name}`)} /> : (
          <Card>
            <CardTitle>Overview</CardTitle>
            <CardBody>
              <DescriptionList isHorizontal>
                {item('Kind', <KindBadge kind={w.kind} />)}
                {item('Labels', <Labels labels={w.labels} />)}
                {item('Address', w.address ?? '-')}
                {item('Service account', w.serviceAccount ?? 'default')}
                {item('Sidecar', <SidecarBadge state={w.sidecar} />)}
                {item('Proxy', w.proxy ? `${w.proxy.id} (${w.proxy.connected ? 'connected' : 'disconnected'}), sent ${w.proxy.sentVersion ?? '-'}, acked ${w.proxy.ackedVersion ?? '-'}${w.proxy.lastNack ? `, last NACK: ${w.proxy.lastNack.error}` : ''}` : '-')}
                {item('Services', mesh.services.filter(s => s.namespace === w.namespace && selects(s.selector, w.labels)).map(s => <div key={s.name}><Link to={`/services/${s.namespace}/${s.name}`}>{s.name}</Link></div>))}
              </DescriptionList>
            </CardBody>
          </Card>
        )}
      </Section>
      {w && (
        <Section>
          <Card>
            <CardTitle>Traffic</CardTitle>
            <CardBody>
              <TelemetryTabs kind="workloads" namespace={namespace} name={name} traceService={`${w.app ?? name}.${namespace}`} accessLog={!!w.proxy} />
            </CardBody>
          </Card>
        </Section>
      )}
      {w?.proxy && (
        <Section>
          <Card><CardTitle>Proxy config</CardTitle><CardBody><ProxyConfigTabs namespace={namespace} name={name} /></CardBody></Card>
        </Section>
      )}
    </>
  );
}
