import { useCallback, useEffect, useState } from 'react';
import type { AccountRunProgress, CheckProgress, CheckRun } from '../../../shared/domain/findings';
import { api } from '../../api/client';
import { useAction } from '../../api/use-action';

/**
 * Runs checks and follows their progress: one entry per check from the `checks.progress`
 * events, one per account (regions read, checks done) in the order they first report, the run's
 * result when it returns, and cancel.
 */
export function useCheckRun(onDone?: (run: CheckRun) => void) {
  const [progress, setProgress] = useState<Record<string, CheckProgress>>({});
  const [accounts, setAccounts] = useState<AccountRunProgress[]>([]);
  const [run, setRun] = useState<CheckRun | null>(null);
  const action = useAction(api().checks.run);
  const cancelAction = useAction(api().checks.cancel);

  useEffect(
    () =>
      api().on('checks.progress', (p) => {
        if ('account' in p) {
          setAccounts((all) => {
            const i = all.findIndex((a) => a.account.id === p.account.id);
            return i < 0 ? [...all, p] : all.map((a, j) => (j === i ? p : a));
          });
          return;
        }
        setProgress((all) => ({ ...all, [p.checkId]: { ...all[p.checkId], ...p } }));
      }),
    [],
  );

  const start = useCallback(
    async (input: { checkIds?: string[]; controlId?: string }) => {
      setProgress({});
      setAccounts([]);
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
    accounts,
    run,
    busy: action.busy,
    error: action.error ?? cancelAction.error,
  };
}
