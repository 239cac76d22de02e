import type { SigningKeyChoice } from '../../../shared/domain/signing';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Decision } from '../../../shared/domain/access-review';
import type { AccessReviewView } from '../../../shared/ipc/channels/access-review';
import type { AppErrorData, Result } from '../../../shared/ipc/result';
import { api } from '../../api/client';
import { useWorkspace } from '../../app/workspace-context';

type Action = 'start' | 'decide' | 'assign' | 'assignMany' | 'sign' | 'reopen' | 'closeLoop';

/**
 * The access review as main holds it, and its actions, one at a time. Every action answers with
 * the whole view, so what is on screen is always what was saved; an action that fails keeps its
 * error next to where it was started and changes nothing on screen.
 */
export function useAccessReview() {
  const { version } = useWorkspace();
  const [view, setView] = useState<AccessReviewView | null>(null);
  const [loadError, setLoadError] = useState<AppErrorData | null>(null);
  const [busy, setBusy] = useState<Action | null>(null);
  // A double click before the re-render must not send the action twice.
  const inFlight = useRef<Action | null>(null);
  const [failed, setFailed] = useState<{ action: Action; error: AppErrorData } | null>(null);

  useEffect(() => {
    let cancelled = false;
    void api()
      .accessReview.get()
      .then((r) => {
        if (cancelled) return;
        setLoadError(r.ok ? null : r.error);
        if (r.ok) setView(r.value);
      });
    return () => {
      cancelled = true;
    };
  }, [version]);

  const run = useCallback(async (action: Action, call: () => Promise<Result<AccessReviewView>>) => {
    if (inFlight.current) return false;
    inFlight.current = action;
    setBusy(action);
    setFailed(null);
    try {
      const result = await call();
      if (!result.ok) {
        setFailed({ action, error: result.error });
        return false;
      }
      setView(result.value);
      return true;
    } finally {
      inFlight.current = null;
      setBusy(null);
    }
  }, []);

  const review = api().accessReview;
  return {
    view,
    loadError,
    busy,
    /** The error of the last action, when it was one of these. */
    errorOf: (...of: Action[]): AppErrorData | null => (failed && of.includes(failed.action) ? failed.error : null),
    start: () => run('start', () => review.start({})),
    decide: (rowId: string, decision: Decision, justification: string) =>
      run('decide', () => review.decide({ rowId, decision, justification })),
    assign: (rowIds: string[], memberIds: string[]) => run('assign', () => review.assign({ rowIds, memberIds })),
    /** The same channel for the rows ticked in the table; its error shows beside the selection. */
    assignMany: (rowIds: string[], memberIds: string[]) =>
      run('assignMany', () => review.assign({ rowIds, memberIds })),
    sign: (key: SigningKeyChoice | null) => run('sign', () => review.sign(key ? { key } : {})),
    reopen: (reason: string) => run('reopen', () => review.reopen({ reason })),
    closeLoop: () => run('closeLoop', () => review.closeLoop({})),
  };
}
