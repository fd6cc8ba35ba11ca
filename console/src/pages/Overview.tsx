import { useState } from 'react';
import { Button, Card, CardBody, CardTitle, Gallery, Label, TextInput } from '@patternfly/react-core';
import { list } from '../api';
import { Header, Loading, Problem, Section } from '../components';
import { fetchGraph } from '../graph/graphData';
import { health, HealthLabel, saveThresholds, thresholds } from '../health';
import { appsOf, loadMesh } from '../mesh';
import { Link } from '../router';
import { useAsync } from '../useAsync';

async function loadOverview() {
  const [mesh, graph, peerAuths] = await Promise.all([
    loadMesh(),
    fetchGraph([], 60).catch(() => null),
    list('security.istio.io', 'v1', 'peerauthentications').catch(() => []),
  ]);
  return { mesh, graph, peerAuths };
}

/** Every namespace: its apps' health (Kiali's error-rate rules), VMs and containers, mTLS. */
export function Overview() {
  const { value, error } = useAsync(loadOverview, [], 15000);
  const [t, setT] = useState(thresholds());
  if (!value) return <><Header title="Overview" /><Section><Problem error={error} />{!error && <Loading />}</Section></>;
  const { mesh, graph, peerAuths } = value;
  const apps = appsOf(mesh);
  // Inbound traffic per workload id (namespace/workload) from the graph.
  const inbound = new Map<string, { r: number; e: number; m: number }>();
  for (const e of graph?.edges ?? []) {
    const x = inbound.get(e.target) ?? { r: 0, e: 0, m: 0 };
    x.r += e.requestRate; x.e += e.errorRate; x.m += e.requestRate * e.mtlsPercent / 100;
    inbound.set(e.target, x);
  }
  const meshWide = peerAuths.find(p => !p.spec?.selector && (p.metadata.namespace === 'istio-system'))?.spec?.mtls?.mode;
  return (
    <>
      <Header title="Overview">
        <p>Health is the share of failed requests over the last minute (degraded above {t.degraded}%, failure at {t.failure}% and above; Kiali's defaults are 0.1% and 20%).</p>
        <div style={{ display: 'flex', gap: 8, alignItems: 'center', marginTop: 8, whiteSpace: 'nowrap' }}>
          <span>Degraded above</span>
          <div style={{ width: 100 }}><TextInput aria-label="degraded threshold" type="number" value={t.degraded} onChange={(_e, v) => setT({ ...t, degraded: Number(v) })} /></div>
          <span>%, failure at</span>
          <div style={{ width: 100 }}><TextInput aria-label="failure threshold" type="number" value={t.failure} onChange={(_e, v) => setT({ ...t, failure: Number(v) })} /></div>
          <span>%</span>
          <Button variant="secondary" onClick={() => saveThresholds(t)}>Save thresholds</Button>
        </div>
      </Header>
      <Section>
        <Problem error={error} />
        <Gallery hasGutter minWidths={{ default: '320px' }}>
          {mesh.namespaces.map(ns => {
            const ws = mesh.workloads.filter(w => w.namespace === ns);
            const nsApps = apps.filter(a => a.namespace === ns);
            const vms = ws.filter(w => w.kind === 'VirtualMachine').length;
            const containers = ws.filter(w => w.kind === 'Container').length;
            const sidecars = ws.filter(w => w.sidecar === 'connected').length;
            const nsPa = peerAuths.find(p => p.metadata.namespace === ns && !p.spec?.selector)?.spec?.mtls?.mode ?? meshWide;
            let r = 0, m = 0;
            for (const w of ws) { const x = inbound.get(`${ns}/${w.name}`); if (x) { r += x.r; m += x.m; } }
            return (
              <Card key={ns} data-testid={`ns-card-${ns}`}>
                <CardTitle>{ns}</CardTitle>
                <CardBody>
                  <p>{ws.length} workloads: {vms} VMs, {containers} containers; {sidecars} with a connected sidecar</p>
                  <p>mTLS: {nsPa ? <Label isCompact color={nsPa === 'STRICT' ? 'green' : 'blue'}>{nsPa}</Label> : <Label isCompact>auto (PERMISSIVE)</Label>}
                    {r > 0 && <> · {(100 * m / r).toFixed(0)}% of requests in mTLS</>}</p>
                  <table className="weft-table" style={{ marginTop: 8 }}>
                    <tbody>
                      {nsApps.map(a => {
                        let ar = 0, ae = 0;
                        for (const w of a.workloads) { const x = inbound.get(`${ns}/${w.name}`); if (x) { ar += x.r; ae += x.e; } }
                        return (
                          <tr key={a.name} data-app={a.name}>
                            <td>{a.name}</td>
                            <td><HealthLabel h={health(ar, ae, t)} /></td>
                            <td>{ar > 0 ? `${ar.toFixed(2)} rps` : ''}</td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                  <p style={{ marginTop: 8 }}><Link to={`/graph?namespaces=${ns}`}>Graph</Link> · <Link to="/applications">Applications</Link> · <Link to="/istio">Istio config</Link></p>
                </CardBody>
              </Card>
            );
          })}
        </Gallery>
        {!graph && <p><em>The traffic graph API did not answer, so health is unknown.</em></p>}
      </Section>
    </>
  );
}
