import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiError } from '../api/client';
import { onRefresh } from './refresh';

export interface Resource<T> {
  data?: T;
  error?: ApiError;
  loading: boolean;
}

/**
 * Reads `load()` now, again whenever `deps` change, on each poll tick and after each accepted
 * command. An answer that comes back after a newer request was started is dropped, so a slow
 * poll never overwrites fresher figures.
 */
export function useResource<T>(load: () => Promise<T>, deps: unknown[]): Resource<T> {
  const [state, setState] = useState<Resource<T>>({ loading: true });
  const latest = useRef(0);
  const loader = useRef(load);
  loader.current = load;

  useEffect(() => {
    let alive = true;
    const run = () => {
      const ticket = ++latest.current;
      loader.current().then(
        (data) => alive && ticket === latest.current && setState({ data, loading: false }),
        (error: ApiError) => alive && ticket === latest.current && setState((s) => ({ ...s, error, loading: false })),
      );
    };
    setState({ loading: true });
    run();
    const stop = onRefresh(run);
    return () => {
      alive = false;
      stop();
    };
  }, deps);

  return state;
}
