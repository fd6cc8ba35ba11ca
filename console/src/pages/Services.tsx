import { Header, Labels, Loading, Problem, Section, Table } from '../components';
import { loadMesh, selects } from '../mesh';
import { Link } from '../router';
import { useAsync } from '../useAsync';

/** Services and ServiceEntries with the workloads they select. */
export function Services() {
  const { value: mesh, error } = useAsync(loadMesh, [], 10000);
  return (
    <>
      <Header title="Services" />
      <Section>
        <Problem error={error} />
        {!mesh ? <Loading /> : (
          <Table testId="services" head={['Name', 'Namespace', 'Type', 'Ports', 'Selector', 'Workloads']}
            rows={mesh.services.map(s => [
              <Link to={`/services/${s.namespace}/${s.name}`}>{s.name}</Link>, s.namespace, s.kind,
              s.ports.map(p => `${p.name ?? ''} ${p.port}${p.protocol ? '/' + p.protocol : ''}`).join(', '),
              <Labels labels={s.selector} />,
              mesh.workloads.filter(w => w.namespace === s.namespace && selects(s.selector, w.labels)).map(w => w.name).join(', '),
            ])} />
        )}
      </Section>
    </>
  );
}
