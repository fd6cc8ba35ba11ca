import { useState } from 'react';
import { Button, FormSelect, FormSelectOption, Label, Toolbar, ToolbarContent, ToolbarItem } from '@patternfly/react-core';
import { Header, Loading, Problem, Section, Table } from '../components';
import { loadIstioConfig, worstLevel, type ValidationMessage } from '../istio';
import { Link, navigate } from '../router';
import { useAsync } from '../useAsync';

export function Validation({ messages }: { messages: ValidationMessage[] }) {
  const level = worstLevel(messages);
  if (level === 'OK') return <Label isCompact color="green" data-validation="OK">✔ Valid</Label>;
  const color = level === 'ERROR' ? 'red' : level === 'WARNING' ? 'orange' : 'blue';
  return (
    <div data-validation={level}>
      {messages.map((m, i) => (
        <div key={i}><Label isCompact color={color}>{m.code}</Label> <small>{m.level}: {m.message}</small></div>
      ))}
    </div>
  );
}

/** Every stored Istio and Gateway API resource across namespaces, with its validation. */
export function IstioConfig() {
  const { value, error } = useAsync(loadIstioConfig, [], 10000);
  const [ns, setNs] = useState('');
  const [kind, setKind] = useState('');
  const items = (value ?? []).filter(i => (!ns || i.object.metadata.namespace === ns) && (!kind || i.object.kind === kind));
  const namespaces = [...new Set((value ?? []).map(i => i.object.metadata.namespace ?? ''))].sort();
  const kinds = [...new Set((value ?? []).map(i => i.object.kind))].sort();
  return (
    <>
      <Header title="Istio Config" />
      <Section>
        <Toolbar>
          <ToolbarContent>
            <ToolbarItem>
              <FormSelect aria-label="Namespace" value={ns} onChange={(_e, v) => setNs(v)} data-testid="istio-namespace">
                <FormSelectOption value="" label="All namespaces" />
                {namespaces.map(n => <FormSelectOption key={n} value={n} label={n} />)}
              </FormSelect>
            </ToolbarItem>
            <ToolbarItem>
              <FormSelect aria-label="Kind" value={kind} onChange={(_e, v) => setKind(v)}>
                <FormSelectOption value="" label="All kinds" />
                {kinds.map(k => <FormSelectOption key={k} value={k} label={k} />)}
              </FormSelect>
            </ToolbarItem>
            <ToolbarItem><Button variant="primary" onClick={() => navigate('/istio/new')} data-testid="istio-new">Create</Button></ToolbarItem>
          </ToolbarContent>
        </Toolbar>
        <Problem error={error} />
        {!value ? <Loading /> : (
          <Table testId="istio-config" head={['Name', 'Namespace', 'Kind', 'API group', 'Validation']}
            rowKeys={items.map(i => `${i.object.kind}/${i.object.metadata.namespace ?? ''}/${i.object.metadata.name}`)}
            rows={items.map(i => [
              <Link to={`/istio/${i.kindInfo.group}/${i.kindInfo.plural}/${i.object.metadata.namespace ?? '-'}/${i.object.metadata.name}`}>{i.object.metadata.name}</Link>,
              i.object.metadata.namespace ?? '', i.object.kind, i.kindInfo.group, <Validation messages={i.messages} />,
            ])} />
        )}
      </Section>
    </>
  );
}
