import { useCallback, useEffect, useState } from 'react';
import type { CheckProgress, CheckRun } from '../../../shared/domain/findings';
import { api } from '../../api/client';
import { useAction } from '../../api/use-action';

/**
 * Runs checks and follows their progress: one entry per check from the `checks.progress`
 * events, the run's result when it returns, and cancel.
 */
export function useCheckRun(onDone?: (run: CheckRun) => void) {
  const [progress, setProgress] = useState<Record<string, CheckProgress>>({});
  const [run, setRun] = useState<CheckRun | null>(null);
  const action = useAction(api().checks.run);
  const cancelAction = useAction(api().checks.cancel);

  useEffect(
    () =>
      api().on('checks.progress', (p) => setProgress((all) => ({ ...all, [p.checkId]: { ...all[p.checkId], ...p } }))),
    [],
  );

  const start = useCallback(
    async (input: { checkIds?: string[]; controlId?: string }) => {
      setProgress({});
      setRun(null);
      const result = await action.run(input);
      if (result) {
        setRun(result);
        onDone?.(result);
      }
    },
    [action, onDone],
  );

  return {
    start,
    cancel: () => void cancelAction.run(),
    progress,
    run,
    busy: action.busy,
    error: action.error ?? cancelAction.error,
  };
}
