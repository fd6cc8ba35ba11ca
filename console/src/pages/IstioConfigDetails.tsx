import { useEffect, useState } from 'react';
import { Alert, Button, Card, CardBody, Tab, Tabs, TabTitleText } from '@patternfly/react-core';
import { parse, stringify } from 'yaml';
import { apply, type KObject } from '../api';
import { Header, Loading, Problem, Section } from '../components';
import { istioKinds, loadObject } from '../istio';
import { navigate } from '../router';
import { useAsync } from '../useAsync';
import { Validation } from './IstioConfig';

const template = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: my-route
  namespace: default
spec:
  hosts:
  - my-service
  http:
  - route:
    - destination:
        host: my-service
`;

/** What the editor sends: the user's YAML, one object or several separated by ---, without status. */
function objectsOf(text: string): KObject[] {
  const docs = text.split(/^---\s*$/m).map(d => d.trim()).filter(Boolean).map(d => parse(d));
  for (const d of docs) {
    if (!d || typeof d !== 'object' || Array.isArray(d)) throw new Error('each YAML document must be one object with apiVersion, kind and metadata');
    delete (d as any).status;
  }
  return docs as KObject[];
}

export function IstioConfigDetails({ group, plural, namespace, name }: { group: string; plural: string; namespace: string; name: string }) {
  const creating = !group;
  const { value, error, reload } = useAsync(() => creating ? Promise.resolve(null) : loadObject(group, plural, namespace, name), [group, plural, namespace, name]);
  const [tab, setTab] = useState<string | number>(creating ? 'edit' : 'yaml');
  const [text, setText] = useState(creating ? template : '');
  const [problem, setProblem] = useState<Error | null>(null);
  const [result, setResult] = useState<string | null>(null);
  useEffect(() => { if (value) setText(stringify(withoutStatus(value.object))); }, [value]);

  const run = async (write: boolean) => {
    setProblem(null);
    setResult(null);
    try {
      const objects = objectsOf(text);
      // Always validated by weftd's admission first; nothing is written unless all of it is admitted.
      const checked = await apply(objects, true);
      if (!write) { setResult(`Valid: ${checked.map(i => `${i.kind} ${i.namespace ?? ''}/${i.name} would be ${i.action}`).join('; ')}`); return; }
      const done = await apply(objects, false);
      setResult(`Saved: ${done.map(i => `${i.kind} ${i.namespace ?? ''}/${i.name} ${i.action}`).join('; ')}`);
      if (creating && done.length === 1) {
        const o = objects[0];
        const g = o.apiVersion.includes('/') ? o.apiVersion.split('/')[0] : '';
        const pl = (await istioKinds()).find(k => k.group === g && k.kind === o.kind)?.plural;
        if (pl) navigate(`/istio/${g}/${pl}/${done[0].namespace ?? 'default'}/${done[0].name}`);
      } else reload();
    } catch (e) {
      setProblem(e as Error);
    }
  };

  return (
    <>
      <Header title={creating ? 'Create Istio config' : `${value?.object.kind ?? ''} ${name}`}>{!creating && <p>Namespace {namespace}</p>}</Header>
      <Section>
        <Problem error={error} />
        {!creating && !value ? <Loading /> : (
          <Card>
            <CardBody>
              {value && <div style={{ marginBottom: 12 }} data-testid="validation"><strong>Validation: </strong><Validation messages={value.messages} /></div>}
              <Tabs activeKey={tab} onSelect={(_e, k) => setTab(k)}>
                {!creating && (
                  <Tab eventKey="yaml" title={<TabTitleText>YAML</TabTitleText>}>
                    <pre className="weft-yaml" data-testid="yaml">{value ? stringify(value.object) : ''}</pre>
                  </Tab>
                )}
                <Tab eventKey="edit" title={<TabTitleText>Edit</TabTitleText>} data-testid="edit-tab">
                  <textarea className="weft-editor" value={text} onChange={e => setText(e.target.value)} spellCheck={false} data-testid="editor" aria-label="YAML editor" />
                  <div style={{ marginTop: 8, display: 'flex', gap: 8 }}>
                    <Button variant="secondary" onClick={() => void run(false)} data-testid="validate">Validate</Button>
                    <Button variant="primary" onClick={() => void run(true)} data-testid="save">Save</Button>
                  </div>
                  <div style={{ marginTop: 8 }}>
                    <Problem error={problem} title="weftd refused the change" />
                    {result && <Alert variant="success" isInline title={result} data-testid="result" />}
                  </div>
                </Tab>
              </Tabs>
            </CardBody>
          </Card>
        )}
      </Section>
    </>
  );
}

function withoutStatus(o: KObject): KObject {
  const { status: _status, ...rest } = o;
  void _status;
  return rest as KObject;
}
