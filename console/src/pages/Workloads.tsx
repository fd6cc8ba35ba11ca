import { Header, KindBadge, Labels, Loading, Problem, Section, SidecarBadge, Table } from '../components';
import { loadMesh } from '../mesh';
import { Link } from '../router';
import { useAsync } from '../useAsync';

/** VMs and containers side by side: kind, labels, address, sidecar state. */
export function Workloads() {
  const { value: mesh, error } = useAsync(loadMesh, [], 10000);
  return (
    <>
      <Header title="Workloads" />
      <Section>
        <Problem error={error} />
        {!mesh ? <Loading /> : (
          <Table testId="workloads" head={['Name', 'Namespace', 'Kind', 'Labels', 'Address', 'Service account', 'Sidecar']}
            rowKeys={mesh.workloads.map(w => `${w.namespace}/${w.name}`)}
            rows={mesh.workloads.map(w => [
              <Link to={`/workloads/${w.namespace}/${w.name}`}>{w.name}</Link>, w.namespace, <KindBadge kind={w.kind} />,
              <Labels labels={w.labels} />, w.address ?? '', w.serviceAccount ?? 'default', <SidecarBadge state={w.sidecar} />,
            ])} />
        )}
      </Section>
    </>
  );
}
