import { useEffect, useState, type MouseEvent, type ReactNode } from 'react';

// Client routes live under /console/; weftd answers index.html for any of them, so a reload or a
// pasted link lands on the same page.
export const Base = '/console';

function current() {
  const p = window.location.pathname;
  return p.startsWith(Base) ? p.slice(Base.length) || '/' : '/';
}

export function navigate(to: string) {
  window.history.pushState(null, '', Base + to);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

export function usePath(): string {
  const [path, setPath] = useState(current());
  useEffect(() => {
    const on = () => setPath(current());
    window.addEventListener('popstate', on);
    return () => window.removeEventListener('popstate', on);
  }, []);
  return path;
}

export function useQuery(): URLSearchParams {
  usePath();
  return new URLSearchParams(window.location.search);
}

export function Link({ to, children, ...rest }: { to: string; children: ReactNode; className?: string; 'data-testid'?: string }) {
  const onClick = (e: MouseEvent) => {
    if (e.metaKey || e.ctrlKey) return;
    e.preventDefault();
    navigate(to);
  };
  return <a href={Base + to} onClick={onClick} {...rest}>{children}</a>;
}

/** Matches "/workloads/:ns/:name" against a path; the parameters in order, or null. */
export function match(pattern: string, path: string): string[] | null {
  const ps = pattern.split('/'), xs = path.split('/');
  if (ps.length !== xs.length) return null;
  const out: string[] = [];
  for (let i = 0; i < ps.length; i++) {
    if (ps[i].startsWith(':')) out.push(decodeURIComponent(xs[i]));
    else if (ps[i] !== xs[i]) return null;
  }
  return out;
}
