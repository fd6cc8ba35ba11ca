import { Header, KindBadge, Loading, Problem, Section, Table } from '../components';
import { appsOf, loadMesh } from '../mesh';
import { Link } from '../router';
import { useAsync } from '../useAsync';

/** Kiali's applications: workloads grouped by their app label, with versions and services. */
export function Applications() {
  const { value: mesh, error } = useAsync(loadMesh, [], 10000);
  const apps = mesh ? appsOf(mesh) : [];
  return (
    <>
      <Header title="Applications" />
      <Section>
        <Problem error={error} />
        {!mesh ? <Loading /> : (
          <Table testId="applications" head={['Application', 'Namespace', 'Versions', 'Workloads', 'Services']}
            rows={apps.map(a => [
              a.name, a.namespace, a.versions.join(', ') || '-',
              <>{a.workloads.map(w => <div key={w.name}><Link to={`/workloads/${w.namespace}/${w.name}`}>{w.name}</Link> <KindBadge kind={w.kind} /></div>)}</>,
              <>{a.services.map(s => <div key={s.name}><Link to={`/services/${s.namespace}/${s.name}`}>{s.name}</Link></div>)}</>,
            ])} />
        )}
      </Section>
    </>
  );
}
