import { useState } from 'react';
import { Alert, Button, Card, CardBody, CardTitle, DescriptionList, DescriptionListDescription, DescriptionListGroup, DescriptionListTerm, Flex } from '@patternfly/react-core';
import { list } from '../api';
import { Header, KindBadge, Labels, Loading, Problem, Section, SidecarBadge, Table } from '../components';
import { loadMesh, selects } from '../mesh';
import { Link } from '../router';
import { useAsync } from '../useAsync';
import { WizardModal, wizardTitles } from '../wizards/WizardModal';
import type { WizardKind } from '../wizards/wizardObjects';
import { TelemetryTabs } from '../details/TelemetryTabs';

async function load(namespace: string, name: string) {
  const [mesh, vss, drs] = await Promise.all([
    loadMesh(),
    list('networking.istio.io', 'v1', 'virtualservices'),
    list('networking.istio.io', 'v1', 'destinationrules'),
  ]);
  const svc = mesh.services.find(s => s.namespace === namespace && s.name === name);
  const host = svc?.kind === 'ServiceEntry' ? svc.hosts[0] : `${name}.${namespace}.svc.cluster.local`;
  const names = new Set([host, name, `${name}.${namespace}`, `${name}.${namespace}.svc`]);
  // A rule refers to the service by its short name only from its own namespace.
  const refers = (h: string, ns?: string) => names.has(h) && (h.includes('.') || ns === namespace);
  const related = {
    virtualServices: vss.filter(v => (v.spec?.hosts ?? []).some((h: string) => refers(h, v.metadata.namespace))),
    destinationRules: drs.filter(d => refers(d.spec?.host ?? '', d.metadata.namespace)),
  };
  return { mesh, svc, host, ...related };
}

export function ServiceDetails({ namespace, name }: { namespace: string; name: string }) {
  const { value, error, reload } = useAsync(() => load(namespace, name), [namespace, name]);
  const [wizard, setWizard] = useState<WizardKind | null>(null);
  const [done, setDone] = useState<string | null>(null);
  if (!value) return <><Header title={`Service ${name}`} /><Section><Problem error={error} />{!error && <Loading />}</Section></>;
  const { mesh, svc, host } = value;
  if (!svc) return <><Header title={`Service ${name}`} /><Section><Problem error={new Error(`no Service or ServiceEntry ${namespace}/${name}`)} /></Section></>;
  const workloads = mesh.workloads.filter(w => w.namespace === namespace && selects(svc.selector, w.labels));
  const versions = [...new Set(workloads.map(w => w.version).filter((v): v is string => !!v))].sort();
  const existingDr = value.destinationRules.find(d => d.metadata.name === name && d.metadata.namespace === namespace);
  const item = (term: string, v: React.ReactNode) => (
    <DescriptionListGroup><DescriptionListTerm>{term}</DescriptionListTerm><DescriptionListDescription>{v}</DescriptionListDescription></DescriptionListGroup>
  );
  const ref = (o: any, plural: string) => <Link to={`/istio/networking.istio.io/${plural}/${o.metadata.namespace}/${o.metadata.name}`}>{o.metadata.namespace}/{o.metadata.name}</Link>;
  return (
    <>
      <Header title={`Service ${name}`}><p>Namespace {namespace} · {svc.kind} · host <code>{host}</code></p></Header>
      <Section>
        <Flex>
          {(Object.keys(wizardTitles) as WizardKind[]).map(k => (
            <Button key={k} variant="secondary" onClick={() => { setDone(null); setWizard(k); }} data-testid={`wizard-${k}`}>{wizardTitles[k]}</Button>
          ))}
        </Flex>
        {done && <Alert style={{ marginTop: 8 }} variant="success" isInline title={done} data-testid="wizard-done" />}
      </Section>
      <Section>
        <Card>
          <CardTitle>Overview</CardTitle>
          <CardBody>
            <DescriptionList isHorizontal>
              {item('Ports', svc.ports.map(p => `${p.name ?? ''} ${p.port}${p.protocol ? '/' + p.protocol : ''}`).join(', '))}
              {item('Selector', <Labels labels={svc.selector} />)}
              {item('Versions', versions.join(', ') || '-')}
              {item('VirtualServices', value.virtualServices.length ? value.virtualServices.map(v => <div key={v.metadata.name}>{ref(v, 'virtualservices')}</div>) : '-')}
              {item('DestinationRules', value.destinationRules.length ? value.destinationRules.map(d => <div key={d.metadata.name}>{ref(d, 'destinationrules')}</div>) : '-')}
            </DescriptionList>
          </CardBody>
        </Card>
      </Section>
      <Section>
        <Card>
          <CardTitle>Workloads</CardTitle>
          <CardBody>
            <Table head={['Name', 'Kind', 'Version', 'Sidecar']} rows={workloads.map(w => [
              <Link to={`/workloads/${w.namespace}/${w.name}`}>{w.name}</Link>, <KindBadge kind={w.kind} />, w.version ?? '-', <SidecarBadge state={w.sidecar} />,
            ])} />
          </CardBody>
        </Card>
      </Section>
      <Section>
        <Card>
          <CardTitle>Traffic</CardTitle>
          <CardBody>
            <TelemetryTabs kind="services" namespace={namespace} name={svc.kind === 'ServiceEntry' ? host : name} traceService={`${svc.selector.app ?? name}.${namespace}`} accessLog={false} />
          </CardBody>
        </Card>
      </Section>
      {wizard && (
        <WizardModal kind={wizard} target={{ name, namespace, host, versions, existingDr }}
          onClose={changed => { setWizard(null); if (changed) { setDone(`${wizardTitles[wizard]} written: see the VirtualService and DestinationRule named ${name}`); reload(); } }} />
      )}
    </>
  );
}
