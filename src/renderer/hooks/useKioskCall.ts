/** Calls a contract channel on mount and on `reload()`, keeping the last value and error. */
import { useCallback, useEffect, useState } from 'react';
import type { ErrorData, Result } from '../../shared/result';

export function useKioskCall<T>(call: () => Promise<Result<T>>): { value: T | null; error: ErrorData | null; reload: () => void } {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<ErrorData | null>(null);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let live = true;
    call().then((r) => {
      if (!live) return;
      if (r.ok) setValue(r.value);
      setError(r.ok ? null : r.error);
    });
    return () => {
      live = false;
    };
  }, [call, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { value, error, reload };
}
