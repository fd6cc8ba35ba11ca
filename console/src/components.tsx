import type { ReactNode } from 'react';
import { Alert, Label, PageSection, Spinner, Title } from '@patternfly/react-core';
import { ApiError } from './api';
import { ContainerIcon, VmIcon } from './graph/icons';

export function Header({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <PageSection>
      <Title headingLevel="h1" size="2xl">{title}</Title>
      {children}
    </PageSection>
  );
}

export function Problem({ error, title }: { error: Error | null | undefined; title?: string }) {
  if (!error) return null;
  const causes = error instanceof ApiError ? error.causes : [];
  return (
    <Alert variant="danger" isInline title={title ?? error.message} data-testid="problem">
      {title && <p>{error.message}</p>}
      {causes.length > 0 && (
        <ul data-testid="problem-causes">
          {causes.map((c, i) => <li key={i}><code>{c.field ?? '(object)'}</code>: {c.message} {c.reason && <small>({c.reason})</small>}</li>)}
        </ul>
      )}
    </Alert>
  );
}

export function Loading() { return <Spinner size="lg" aria-label="Loading" />; }

export function Labels({ labels }: { labels?: Record<string, string> }) {
  return <>{Object.entries(labels ?? {}).map(([k, v]) => <Label key={k} isCompact style={{ margin: 2 }}>{k}={v}</Label>)}</>;
}

export function KindBadge({ kind }: { kind?: string | null }) {
  const vm = kind === 'VirtualMachine';
  return <Label isCompact color={vm ? 'purple' : kind === 'Container' ? 'blue' : 'grey'} data-kind={kind ?? 'Unknown'}>{vm || kind === 'Container' ? <img src={vm ? VmIcon : ContainerIcon} width={14} height={14} alt="" style={{ verticalAlign: 'middle', marginRight: 4 }} /> : null}{vm ? 'VM' : kind ?? 'Unknown'}</Label>;
}

export function SidecarBadge({ state }: { state: string }) {
  return state === 'connected' ? <Label isCompact color="green">sidecar connected</Label>
    : state === 'injected' ? <Label isCompact color="orange">sidecar (not connected)</Label>
    : <Label isCompact color="red">no sidecar</Label>;
}

/** rowKeys name each row (data-row) so a test or a link can find one without matching its text. */
export function Table({ head, rows, testId, rowKeys }: { head: string[]; rows: ReactNode[][]; testId?: string; rowKeys?: string[] }) {
  return (
    <table className="weft-table" data-testid={testId}>
      <thead><tr>{head.map(h => <th key={h}>{h}</th>)}</tr></thead>
      <tbody>
        {rows.length === 0 && <tr><td colSpan={head.length}><em>Nothing here yet.</em></td></tr>}
        {rows.map((r, i) => <tr key={rowKeys?.[i] ?? i} data-row={rowKeys?.[i]}>{r.map((c, j) => <td key={j}>{c}</td>)}</tr>)}
      </tbody>
    </table>
  );
}

export function Section({ children }: { children: ReactNode }) { return <PageSection>{children}</PageSection>; }
