import { useCallback, useState } from 'react';
import type { AppErrorData, Result } from '../../shared/ipc/result';

/**
 * Runs one API call for a button or form: tracks busy state and keeps the error as data so
 * the component can show it next to what the user was doing.
 */
export function useAction<A extends unknown[], T>(call: (...args: A) => Promise<Result<T>>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorData | null>(null);
  const run = useCallback(
    async (...args: A): Promise<T | undefined> => {
      setBusy(true);
      setError(null);
      try {
        const result = await call(...args);
        if (!result.ok) {
          setError(result.error);
          return undefined;
        }
        return result.value;
      } finally {
        setBusy(false);
      }
    },
    [call],
  );
  return { run, busy, error, setError };
}
