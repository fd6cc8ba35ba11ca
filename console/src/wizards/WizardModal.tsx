import { useState } from 'react';
import { Alert, Button, Form, FormGroup, FormSelect, FormSelectOption, Modal, ModalBody, ModalFooter, ModalHeader, TextInput } from '@patternfly/react-core';
import { stringify } from 'yaml';
import { validateThenApply } from '../api';
import { Problem } from '../components';
import { circuitBreaker, faultInjection, requestRouting, trafficShifting, type HeaderRule, type Target, type WizardKind } from './wizardObjects';

export const wizardTitles: Record<WizardKind, string> = {
  'traffic-shifting': 'Traffic shifting',
  'request-routing': 'Request routing',
  'fault-injection': 'Fault injection',
  'circuit-breaker': 'Circuit breaker',
};

/** One Kiali-style wizard: a form, the YAML it will write, and a create that weftd validates first. */
export function WizardModal({ kind, target, onClose }: { kind: WizardKind; target: Target; onClose: (changed: boolean) => void }) {
  const versions = target.versions;
  const even = Math.floor(100 / Math.max(versions.length, 1));
  const [weights, setWeights] = useState<Record<string, number>>(Object.fromEntries(versions.map((v, i) => [v, i === 0 ? 100 - even * (versions.length - 1) : even])));
  const [rule, setRule] = useState<HeaderRule>({ header: 'end-user', match: 'exact', value: 'jason', version: versions[versions.length - 1] ?? '' });
  const [fallback, setFallback] = useState(versions[0] ?? '');
  const [fault, setFault] = useState({ delayPercent: 0, delay: '5s', abortPercent: 10, status: 503 });
  const [breaker, setBreaker] = useState({ consecutive5xxErrors: 1, interval: '1s', baseEjectionTime: '3m', maxEjectionPercent: 100, maxPendingRequests: 0 });
  const [problem, setProblem] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);

  const objects = kind === 'traffic-shifting' ? trafficShifting(target, weights)
    : kind === 'request-routing' ? requestRouting(target, [rule], fallback)
    : kind === 'fault-injection' ? faultInjection(target, fault)
    : circuitBreaker(target, breaker);
  const total = Object.values(weights).reduce((a, b) => a + b, 0);
  const needsVersions = kind === 'traffic-shifting' || kind === 'request-routing';

  const create = async () => {
    setBusy(true);
    setProblem(null);
    try {
      await validateThenApply(objects);
      onClose(true);
    } catch (e) {
      setProblem(e as Error);
    } finally {
      setBusy(false);
    }
  };
  const num = (v: string) => Number.isFinite(Number(v)) ? Number(v) : 0;
  const versionSelect = (value: string, set: (v: string) => void, label: string) => (
    <FormSelect aria-label={label} value={value} onChange={(_e, v) => set(v)}>
      {versions.map(v => <FormSelectOption key={v} value={v} label={v} />)}
    </FormSelect>
  );

  return (
    <Modal isOpen variant="medium" onClose={() => onClose(false)} data-testid="wizard">
      <ModalHeader title={`${wizardTitles[kind]}: ${target.name}.${target.namespace}`} />
      <ModalBody>
        {needsVersions && versions.length === 0 && <Alert variant="warning" isInline title="The workloads of this service have no version label, so there is nothing to split between." />}
        <Form onSubmit={e => e.preventDefault()}>
          {kind === 'traffic-shifting' && versions.map(v => (
            <FormGroup key={v} label={`Weight of ${v} (%)`} fieldId={`w-${v}`}>
              <TextInput id={`w-${v}`} data-testid={`weight-${v}`} type="number" value={weights[v] ?? 0} onChange={(_e, x) => setWeights({ ...weights, [v]: num(x) })} />
            </FormGroup>
          ))}
          {kind === 'traffic-shifting' && total !== 100 && <Alert variant="warning" isInline title={`The weights add up to ${total}, not 100: weftd will refuse them.`} />}
          {kind === 'request-routing' && <>
            <FormGroup label="Header" fieldId="h"><TextInput id="h" value={rule.header} onChange={(_e, x) => setRule({ ...rule, header: x })} /></FormGroup>
            <FormGroup label="Match" fieldId="m">
              <FormSelect id="m" value={rule.match} onChange={(_e, x) => setRule({ ...rule, match: x as HeaderRule['match'] })}>
                <FormSelectOption value="exact" label="exact" /><FormSelectOption value="prefix" label="prefix" /><FormSelectOption value="regex" label="regex" />
              </FormSelect>
            </FormGroup>
            <FormGroup label="Value" fieldId="v"><TextInput id="v" value={rule.value} onChange={(_e, x) => setRule({ ...rule, value: x })} /></FormGroup>
            <FormGroup label="Matching requests go to" fieldId="to">{versionSelect(rule.version, v => setRule({ ...rule, version: v }), 'matching version')}</FormGroup>
            <FormGroup label="Every other request goes to" fieldId="fb">{versionSelect(fallback, setFallback, 'fallback version')}</FormGroup>
          </>}
          {kind === 'fault-injection' && <>
            <FormGroup label="Delay: % of requests" fieldId="dp"><TextInput id="dp" type="number" value={fault.delayPercent} onChange={(_e, x) => setFault({ ...fault, delayPercent: num(x) })} /></FormGroup>
            <FormGroup label="Delay" fieldId="d"><TextInput id="d" value={fault.delay} onChange={(_e, x) => setFault({ ...fault, delay: x })} /></FormGroup>
            <FormGroup label="Abort: % of requests" fieldId="ap"><TextInput id="ap" type="number" value={fault.abortPercent} onChange={(_e, x) => setFault({ ...fault, abortPercent: num(x) })} /></FormGroup>
            <FormGroup label="Abort with HTTP status" fieldId="as"><TextInput id="as" type="number" value={fault.status} onChange={(_e, x) => setFault({ ...fault, status: num(x) })} /></FormGroup>
          </>}
          {kind === 'circuit-breaker' && <>
            <FormGroup label="Consecutive 5xx errors before ejection" fieldId="c5"><TextInput id="c5" type="number" value={breaker.consecutive5xxErrors} onChange={(_e, x) => setBreaker({ ...breaker, consecutive5xxErrors: num(x) })} /></FormGroup>
            <FormGroup label="Interval" fieldId="iv"><TextInput id="iv" value={breaker.interval} onChange={(_e, x) => setBreaker({ ...breaker, interval: x })} /></FormGroup>
            <FormGroup label="Base ejection time" fieldId="be"><TextInput id="be" value={breaker.baseEjectionTime} onChange={(_e, x) => setBreaker({ ...breaker, baseEjectionTime: x })} /></FormGroup>
            <FormGroup label="Max ejection %" fieldId="me"><TextInput id="me" type="number" value={breaker.maxEjectionPercent} onChange={(_e, x) => setBreaker({ ...breaker, maxEjectionPercent: num(x) })} /></FormGroup>
            <FormGroup label="Max pending HTTP/1 requests (0: no limit)" fieldId="mp"><TextInput id="mp" type="number" value={breaker.maxPendingRequests} onChange={(_e, x) => setBreaker({ ...breaker, maxPendingRequests: num(x) })} /></FormGroup>
          </>}
        </Form>
        <h3 style={{ marginTop: 16, fontWeight: 600 }}>What will be written</h3>
        <pre className="weft-yaml" data-testid="wizard-preview">{objects.map(o => stringify(o)).join('---\n')}</pre>
        <Problem error={problem} title="weftd refused it" />
      </ModalBody>
      <ModalFooter>
        <Button variant="primary" onClick={() => void create()} isDisabled={busy} data-testid="wizard-create">Create</Button>
        <Button variant="link" onClick={() => onClose(false)}>Cancel</Button>
      </ModalFooter>
    </Modal>
  );
}
