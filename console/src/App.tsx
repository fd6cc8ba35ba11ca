import { useEffect, useState } from 'react';
import { Brand } from './Brand';
import {
  Button, Masthead, MastheadBrand, MastheadContent, MastheadLogo, MastheadMain, Nav, NavItem, NavList,
  Page, PageSidebar, PageSidebarBody,
} from '@patternfly/react-core';
import { getToken, setToken } from './api';
import { Link, match, navigate, usePath } from './router';
import { Login } from './pages/Login';
import { Overview } from './pages/Overview';
import { GraphPage } from './graph/GraphPage';
import { Applications } from './pages/Applications';
import { Workloads } from './pages/Workloads';
import { WorkloadDetails } from './pages/WorkloadDetails';
import { Services } from './pages/Services';
import { ServiceDetails } from './pages/ServiceDetails';
import { IstioConfig } from './pages/IstioConfig';
import { IstioConfigDetails } from './pages/IstioConfigDetails';
import { Traces } from './pages/Traces';

// Kiali's navigation, in Kiali's order.
const sections = [
  { to: '/overview', title: 'Overview' },
  { to: '/graph', title: 'Traffic Graph' },
  { to: '/applications', title: 'Applications' },
  { to: '/workloads', title: 'Workloads' },
  { to: '/services', title: 'Services' },
  { to: '/istio', title: 'Istio Config' },
  { to: '/traces', title: 'Traces' },
];

function Routed({ path }: { path: string }) {
  let m: string[] | null;
  if ((m = match('/workloads/:ns/:name', path))) return <WorkloadDetails namespace={m[0]} name={m[1]} />;
  if ((m = match('/services/:ns/:name', path))) return <ServiceDetails namespace={m[0]} name={m[1]} />;
  if ((m = match('/istio/:group/:plural/:ns/:name', path))) return <IstioConfigDetails group={m[0]} plural={m[1]} namespace={m[2]} name={m[3]} />;
  if ((m = match('/istio/new', path))) return <IstioConfigDetails group="" plural="" namespace="" name="" />;
  switch (path) {
    case '/graph': return <GraphPage />;
    case '/applications': return <Applications />;
    case '/workloads': return <Workloads />;
    case '/services': return <Services />;
    case '/istio': return <IstioConfig />;
    case '/traces': return <Traces />;
    default: return <Overview />;
  }
}

export function App() {
  const path = usePath();
  const [token, setTok] = useState(getToken());
  useEffect(() => {
    const on = () => { setToken(null); setTok(null); };
    window.addEventListener('weft-unauthorized', on);
    return () => window.removeEventListener('weft-unauthorized', on);
  }, []);
  if (!token) return <Login onLogin={t => { setToken(t); setTok(t); if (path === '/' || path === '/login') navigate('/overview'); }} />;

  const masthead = (
    <Masthead>
      <MastheadMain>
        <MastheadBrand><MastheadLogo component="a" href="/console/overview"><Brand /></MastheadLogo></MastheadBrand>
      </MastheadMain>
      <MastheadContent>
        <div style={{ marginLeft: 'auto' }}>
          <Button variant="secondary" data-testid="logout" onClick={() => { setToken(null); setTok(null); }}>Log out</Button>
        </div>
      </MastheadContent>
    </Masthead>
  );
  const sidebar = (
    <PageSidebar>
      <PageSidebarBody>
        <Nav aria-label="Weft console">
          <NavList>
            {sections.map(s => (
              <NavItem key={s.to} isActive={path === s.to || path.startsWith(s.to + '/')}>
                <Link to={s.to}>{s.title}</Link>
              </NavItem>
            ))}
          </NavList>
        </Nav>
      </PageSidebarBody>
    </PageSidebar>
  );
  return <Page masthead={masthead} sidebar={sidebar} isManagedSidebar><Routed path={path} /></Page>;
}
