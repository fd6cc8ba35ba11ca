import { useEffect, useMemo, useRef, useState } from 'react';
import cytoscape, { type Core } from 'cytoscape';
import { Alert, Button, Card, CardBody, CardTitle, Checkbox, FormSelect, FormSelectOption, Toolbar, ToolbarContent, ToolbarItem } from '@patternfly/react-core';
import { listNamespaces } from '../api';
import { Header, Problem, Section } from '../components';
import { thresholds, trafficHealth, type Health } from '../health';
import { Link, useQuery } from '../router';
import { useAsync } from '../useAsync';
import { fetchGraph, formatBytes, formatRate, maxSeconds, TIME_RANGES, view, type GraphType, type ViewEdge, type ViewNode } from './graphData';
import { ContainerIcon, GatewayIcon, LockIcon, UnknownIcon, VmIcon } from './icons';

type EdgeLabel = 'none' | 'rate' | 'distribution' | 'p50' | 'p95' | 'p99' | 'throughput';

const ms = (v: number | null) => v == null ? '-' : v.toFixed(0) + ' ms';

const colour: Record<Health, string> = { healthy: '#3e8635', degraded: '#f0ab00', failure: '#c9190b', na: '#8a8d90' };

function edgeLabel(e: ViewEdge, mode: EdgeLabel) {
  // Canvas text has no emoji font on a bare server (a lock would draw as a box), so the lock is a word.
  const lock = e.mtlsPercent >= 50 ? 'mTLS · ' : '';
  switch (mode) {
    case 'rate': {
      // As Kiali's rate label: the failed share (4xx and 5xx) when there is one.
      const failed = e.requestRate > 0 ? (100 * (e.errorRate + e.clientErrorRate)) / e.requestRate : 0;
      return `${lock}${formatRate(e.requestRate)} rps${failed >= 0.1 ? ` · ${failed.toFixed(0)}% err` : ''}`;
    }
    case 'distribution': return `${lock}${e.percentOfSource.toFixed(1)}%`;
    case 'p50': return `${lock}p50 ${ms(e.p50Ms)}`;
    case 'p95': return `${lock}p95 ${ms(e.p95Ms)}`;
    case 'p99': return `${lock}p99 ${ms(e.p99Ms)}`;
    case 'throughput': return `${lock}${formatBytes(e.throughput)}`;
    default: return lock.replace(' · ', '');
  }
}

function iconOf(n: ViewNode) {
  if (n.nodeType === 'unknown') return UnknownIcon;
  if (n.isGateway) return GatewayIcon;
  if (n.kind === 'VirtualMachine') return VmIcon;
  if (n.kind === 'Container') return ContainerIcon;
  return null;
}

/** The centre piece: the mesh's traffic from the proxies' metrics, drawn with Cytoscape.js. */
export function GraphPage() {
  const query = useQuery();
  const { value: allNamespaces } = useAsync(listNamespaces, []);
  const [namespaces, setNamespaces] = useState<string[]>(query.get('namespaces')?.split(',').filter(Boolean) ?? []);
  const [type, setType] = useState<GraphType>((query.get('type') as GraphType) ?? 'workload');
  const [label, setLabel] = useState<EdgeLabel>((query.get('edges') as EdgeLabel) ?? 'rate');
  // Kiali's duration and refresh, also from the address (?duration=30&refresh=5000) so a link keeps them.
  const [duration, setDuration] = useState(Number(query.get('duration')) || 60);
  const [refresh, setRefresh] = useState(query.has('refresh') ? Number(query.get('refresh')) : 10000);
  const [selected, setSelected] = useState<{ node?: ViewNode; edge?: ViewEdge } | null>(null);
  // Kiali hides idle edges by default: a call seen earlier in the window but not lately draws as 0 rps.
  const [idle, setIdle] = useState(false);
  // Kiali's traffic animation: dashes run along each edge, faster the more requests per second.
  const [animate, setAnimate] = useState(query.get('animation') === 'true');
  const { value: graph, error, reload } = useAsync(() => fetchGraph(namespaces, duration), [namespaces.join(','), duration], refresh);
  // The longest window the store behind weftd keeps, from its last answer (a Prometheus keeps more than weftd's 5 minutes).
  const [maxWindow, setMaxWindow] = useState(300);
  useEffect(() => { if (graph) setMaxWindow(maxSeconds(graph)); }, [graph]);
  const v = useMemo(() => {
    if (!graph) return null;
    const all = view(graph, type);
    return idle ? all : { nodes: all.nodes, edges: all.edges.filter(e => e.requestRate > 0 || e.throughput > 0) };
  }, [graph, type, idle]);
  const box = useRef<HTMLDivElement>(null);
  const cy = useRef<Core | null>(null);

  useEffect(() => {
    if (!box.current || !v) return;
    const t = thresholds();
    const inbound = new Map<string, { r: number; e: number; c: number }>();
    for (const e of v.edges) {
      const x = inbound.get(e.target) ?? { r: 0, e: 0, c: 0 };
      x.r += e.requestRate; x.e += e.errorRate; x.c += e.clientErrorRate;
      inbound.set(e.target, x);
    }
    const elements = [
      ...v.nodes.map(n => {
        const io = inbound.get(n.id);
        const h = io ? trafficHealth(io.r, io.e, io.c, t) : 'na';
        return {
          data: {
            id: n.id, label: n.nodeType === 'unknown' ? 'unknown' : `${n.label}\n${n.namespace ?? ''}`, nodeType: n.nodeType,
            kind: n.kind ?? '', gateway: n.isGateway ? 'yes' : 'no', colour: n.nodeType === 'unknown' ? '#8a8d90' : h === 'na' ? '#3c3f42' : colour[h],
            icon: iconOf(n) ?? 'none', hasIcon: iconOf(n) ? 'yes' : 'no',
          },
        };
      }),
      ...v.edges.map(e => {
        const h = trafficHealth(e.requestRate, e.errorRate, e.clientErrorRate, t);
        return { data: { id: e.id, source: e.source, target: e.target, label: edgeLabel(e, label), colour: colour[h === 'na' ? 'na' : h], mtls: e.mtlsPercent >= 50 ? 'yes' : 'no', protocol: e.protocol, rate: e.requestRate } };
      }),
    ];
    const positions = new Map<string, cytoscape.Position>();
    cy.current?.nodes().forEach(n => { positions.set(n.id(), { ...n.position() }); });
    cy.current?.destroy();
    const c = cytoscape({
      container: box.current,
      elements,
      wheelSensitivity: 0.3,
      style: [
        { selector: 'node', style: { 'background-color': '#fff', 'border-width': 3, 'border-color': 'data(colour)', label: 'data(label)', 'text-wrap': 'wrap', 'text-valign': 'bottom', 'text-margin-y': 4, 'font-size': 11, width: 40, height: 40 } },
        { selector: 'node[hasIcon = "yes"]', style: { 'background-image': 'data(icon)', 'background-fit': 'contain', 'background-width': '70%', 'background-height': '70%' } },
        { selector: 'node[nodeType = "app"]', style: { shape: 'round-rectangle' } },
        { selector: 'node[nodeType = "service"]', style: { shape: 'triangle', 'background-color': '#e7f1fa' } },
        { selector: 'node[gateway = "yes"]', style: { shape: 'round-diamond', width: 48, height: 48 } },
        { selector: 'node[nodeType = "unknown"]', style: { 'border-style': 'dashed' } },
        { selector: 'node:selected', style: { 'border-width': 5, 'border-color': '#0066cc' } },
        { selector: 'edge', style: { width: 2, 'line-color': 'data(colour)', 'target-arrow-color': 'data(colour)', 'target-arrow-shape': 'triangle', 'curve-style': 'bezier', label: 'data(label)', 'font-size': 10, 'text-background-color': '#fff', 'text-background-opacity': 0.85, 'text-background-padding': '2px', 'text-rotation': 'autorotate' } },
        { selector: 'edge[protocol = "tcp"]', style: { 'line-style': 'dashed' } },
        { selector: 'edge:selected', style: { width: 4 } },
      ],
      layout: { name: 'breadthfirst', directed: true, spacingFactor: 1.2, padding: 30 },
    });
    if (positions.size && v.nodes.every(n => positions.has(n.id))) c.nodes().forEach(n => { n.position(positions.get(n.id())!); });
    c.on('tap', 'node', ev => setSelected({ node: v.nodes.find(n => n.id === ev.target.id()) }));
    c.on('tap', 'edge', ev => setSelected({ edge: v.edges.find(e => e.id === ev.target.id()) }));
    c.on('tap', ev => { if (ev.target === c) setSelected(null); });
    cy.current = c;
    // For tests and the curious: what the graph draws, as data.
    (window as any).__weftGraph = { nodes: v.nodes, edges: v.edges.map(e => ({ ...e, health: trafficHealth(e.requestRate, e.errorRate, e.clientErrorRate, t) })), type, duration };
  }, [v, label, type, duration]);
  useEffect(() => {
    if (!animate) { cy.current?.edges('[rate > 0]').removeStyle('line-style line-dash-pattern line-dash-offset'); return; }
    let offset = 0, frame = 0;
    const step = () => {
      offset -= 1;
      cy.current?.edges('[rate > 0]').forEach(e => {
        // From one dash length a second at 0.1 rps to ten at 100 rps and above.
        const speed = Math.min(10, Math.max(1, Math.log10(Math.max(Number(e.data('rate')), 0.1) * 100)));
        e.style({ 'line-style': 'dashed', 'line-dash-pattern': [8, 6], 'line-dash-offset': offset * speed * 0.25 });
      });
      frame = requestAnimationFrame(step);
    };
    frame = requestAnimationFrame(step);
    return () => cancelAnimationFrame(frame);
  }, [animate, v, label, type]);
  useEffect(() => () => { cy.current?.destroy(); cy.current = null; }, []);

  const toggle = (ns: string, on: boolean) => setNamespaces(xs => on ? [...xs, ns].sort() : xs.filter(x => x !== ns));
  return (
    <>
      <Header title="Traffic Graph" />
      <Section>
        <Toolbar>
          <ToolbarContent>
            <ToolbarItem>
              <div data-testid="graph-namespaces" style={{ display: 'flex', gap: 10, flexWrap: 'wrap', maxWidth: 520 }}>
                {(allNamespaces ?? []).map(ns => <Checkbox key={ns} id={`ns-${ns}`} label={ns} isChecked={namespaces.includes(ns)} onChange={(_e, on) => toggle(ns, on)} />)}
              </div>
            </ToolbarItem>
            <ToolbarItem>
              <FormSelect aria-label="Graph type" value={type} onChange={(_e, x) => setType(x as GraphType)} data-testid="graph-type">
                <FormSelectOption value="app" label="App graph" />
                <FormSelectOption value="versionedApp" label="Versioned app graph" />
                <FormSelectOption value="workload" label="Workload graph" />
                <FormSelectOption value="service" label="Service graph" />
              </FormSelect>
            </ToolbarItem>
            <ToolbarItem>
              <FormSelect aria-label="Edge labels" value={label} onChange={(_e, x) => setLabel(x as EdgeLabel)} data-testid="graph-labels">
                <FormSelectOption value="none" label="No edge labels" />
                <FormSelectOption value="rate" label="Request rate" />
                <FormSelectOption value="distribution" label="Request distribution %" />
                <FormSelectOption value="p50" label="Response time p50" />
                <FormSelectOption value="p95" label="Response time p95" />
                <FormSelectOption value="p99" label="Response time p99" />
                <FormSelectOption value="throughput" label="Throughput" />
              </FormSelect>
            </ToolbarItem>
            <ToolbarItem>
              <FormSelect aria-label="Time range" value={String(duration)} onChange={(_e, x) => setDuration(Number(x))} data-testid="graph-duration">
                {TIME_RANGES.filter(([secs]) => secs <= maxWindow || secs === duration).map(([secs, text]) => <FormSelectOption key={secs} value={String(secs)} label={text} />)}
              </FormSelect>
            </ToolbarItem>
            <ToolbarItem>
              <FormSelect aria-label="Refresh interval" value={String(refresh)} onChange={(_e, x) => setRefresh(Number(x))} data-testid="graph-refresh">
                <FormSelectOption value="0" label="Pause" />
                <FormSelectOption value="5000" label="Every 5s" />
                <FormSelectOption value="10000" label="Every 10s" />
                <FormSelectOption value="30000" label="Every 30s" />
                <FormSelectOption value="60000" label="Every 1m" />
              </FormSelect>
            </ToolbarItem>
            <ToolbarItem><Checkbox id="idle-edges" label="Idle edges" isChecked={idle} onChange={(_e, on) => setIdle(on)} /></ToolbarItem>
            <ToolbarItem><Checkbox id="traffic-animation" label="Traffic animation" isChecked={animate} onChange={(_e, on) => setAnimate(on)} /></ToolbarItem>
            <ToolbarItem><Button variant="secondary" onClick={reload}>Refresh</Button></ToolbarItem>
          </ToolbarContent>
        </Toolbar>
        <Problem error={error} />
        {v && v.nodes.length === 0 && (
          <Alert variant="info" isInline title="No traffic in this graph" data-testid="graph-empty">
            Nothing was measured in {namespaces.length ? namespaces.join(', ') : 'any namespace'} in the last {duration}s. The graph is
            drawn from the sidecars' metrics: workloads without a sidecar do not report (give them one with <code>weft workload inject</code> or <code>weft demo mesh</code>).
          </Alert>
        )}
        <div className="weft-graph-layout">
          <div className="weft-graph" ref={box} data-testid="graph" data-nodes={v?.nodes.length ?? 0} data-edges={v?.edges.length ?? 0} />
          <div className="weft-side"><SidePanel selected={selected} /></div>
        </div>
        <Legend />
      </Section>
    </>
  );
}

function SidePanel({ selected }: { selected: { node?: ViewNode; edge?: ViewEdge } | null }) {
  if (!selected?.node && !selected?.edge) return <Card><CardBody><em>Select a node or an edge to see its rates, errors and latency.</em></CardBody></Card>;
  if (selected.edge) {
    const e = selected.edge;
    const h = trafficHealth(e.requestRate, e.errorRate, e.clientErrorRate);
    const failed = e.errorRate + e.clientErrorRate;
    return (
      <Card data-testid="side-panel">
        <CardTitle>Edge {e.source.replace(/^(wl|app|svc):/, '')} → {e.target.replace(/^(wl|app|svc):/, '')}</CardTitle>
        <CardBody>
          <p>Protocol {e.protocol}{e.mtlsPercent > 0 ? <>, <LockIcon /> mTLS {e.mtlsPercent.toFixed(0)}%</> : ', no mTLS'}</p>
          <p>Requests {formatRate(e.requestRate)}/s, {e.percentOfSource.toFixed(1)}% of the source's traffic</p>
          <p data-testid="edge-errors">Errors {formatRate(failed)}/s ({e.requestRate > 0 ? ((100 * failed) / e.requestRate).toFixed(1) : '0'}%; 4xx {formatRate(e.clientErrorRate)}/s, 5xx {formatRate(e.errorRate)}/s): <span className={`weft-health-${h}`}>{h}</span></p>
          <p>Response time p50 {ms(e.p50Ms)}, p95 {ms(e.p95Ms)}, p99 {ms(e.p99Ms)}</p>
          <p>Throughput {formatBytes(e.throughput)}</p>
          <p>Response codes: {Object.entries(e.codes).map(([c, r]) => `${c}: ${formatRate(r)}/s`).join(', ') || '-'}</p>
        </CardBody>
      </Card>
    );
  }
  const n = selected.node!;
  return (
    <Card data-testid="side-panel">
      <CardTitle>{n.nodeType === 'unknown' ? 'Unknown source' : `${n.label} (${n.namespace})`}</CardTitle>
      <CardBody>
        <NodeRates id={n.id} />
        {n.kind && <p>Kind {n.kind}{n.isGateway ? ', gateway' : ''}</p>}
        {n.workloads.length > 0 && <p>Workloads: {n.workloads.map(w => <span key={w}><Link to={`/workloads/${n.namespace}/${w}`}>{w}</Link> </span>)}</p>}
        {n.app && <p><Link to={`/traces?service=${encodeURIComponent(`${n.app}.${n.namespace}`)}`}>Traces of {n.app}</Link></p>}
      </CardBody>
    </Card>
  );
}

function NodeRates({ id }: { id: string }) {
  const g = (window as any).__weftGraph as { edges: ViewEdge[] } | undefined;
  const inE = g?.edges.filter(e => e.target === id) ?? [];
  const outE = g?.edges.filter(e => e.source === id) ?? [];
  const sum = (xs: ViewEdge[], f: (e: ViewEdge) => number) => xs.reduce((a, e) => a + f(e), 0);
  const p95 = (xs: ViewEdge[]) => xs.reduce((a, e) => Math.max(a, e.p95Ms ?? 0), 0);
  const line = (title: string, xs: ViewEdge[]) => xs.length === 0 ? <p>{title}: none</p> : (
    <p>{title}: {formatRate(sum(xs, e => e.requestRate))} rps, errors {formatRate(sum(xs, e => e.errorRate))} rps ({(100 * sum(xs, e => e.errorRate) / Math.max(sum(xs, e => e.requestRate), 1e-9)).toFixed(1)}%), p95 ≤ {p95(xs).toFixed(0)} ms</p>
  );
  return <>{line('Inbound', inE)}{line('Outbound', outE)}</>;
}

function Legend() {
  const t = thresholds();
  return (
    <div className="weft-legend" data-testid="legend">
      <strong>Legend</strong>
      <span><span className="weft-swatch" style={{ background: colour.healthy }} />errors ≤ {t.degraded}%</span>
      <span><span className="weft-swatch" style={{ background: colour.degraded }} />errors &gt; {t.degraded}%</span>
      <span><span className="weft-swatch" style={{ background: colour.failure }} />errors ≥ {t.failure}%</span>
      <span><LockIcon /> mTLS edge (label starts with "mTLS")</span>
      <span><img src={VmIcon} width={18} alt="" /> VM</span>
      <span><img src={ContainerIcon} width={18} alt="" /> Container</span>
      <span><img src={GatewayIcon} width={18} alt="" /> Gateway</span>
      <span><img src={UnknownIcon} width={18} alt="" /> Unknown source</span>
      <span>○ workload · ▢ app · △ service · dashed edge: TCP</span>
    </div>
  );
}
