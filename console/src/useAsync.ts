import { useCallback, useEffect, useState } from 'react';

/** Loads on mount, when deps change and every refreshMs (0: never); keeps the last good value on error. */
export function useAsync<T>(load: () => Promise<T>, deps: unknown[], refreshMs = 0) {
  const [value, setValue] = useState<T | undefined>(undefined);
  const [error, setError] = useState<Error | null>(null);
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick(t => t + 1), []);
  useEffect(() => {
    let live = true;
    load().then(v => { if (live) { setValue(v); setError(null); } }, e => { if (live) setError(e as Error); });
    return () => { live = false; };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  useEffect(() => {
    if (!refreshMs) return;
    const t = setInterval(reload, refreshMs);
    return () => clearInterval(t);
  }, [refreshMs, reload]);
  return { value, error, reload };
}
