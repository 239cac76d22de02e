import type { SigningKeyChoice } from '../../../shared/domain/signing';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AwsReportReviewDraft } from '../../../shared/domain/aws-report-review';
import type { AwsReportReviewView } from '../../../shared/ipc/channels/aws-report';
import type { AppErrorData, Result } from '../../../shared/ipc/result';
import { api } from '../../api/client';
import { useWorkspace } from '../../app/workspace-context';
import { draftProblems, sameDraft, toDraft } from './review-draft';

/** Unsaved drafts by workspace folder, for this session: leaving the screen does not lose them. */
const keptDrafts = new Map<string, AwsReportReviewDraft>();

type Action = 'save' | 'choose' | 'sign' | 'reopen';

interface State {
  view: AwsReportReviewView;
  draft: AwsReportReviewDraft;
}

const withFile = (draft: AwsReportReviewDraft, view: AwsReportReviewView): AwsReportReviewDraft => {
  const { file: _old, ...report } = draft.report;
  return { ...draft, report: view.review.report.file ? { ...report, file: view.review.report.file } : report };
};

/**
 * The review as stored (`view`) and as being edited (`draft`), the problems of what is on
 * screen, and the actions. A view that arrives while the person has unsaved edits keeps the
 * edits; only the recorded report file (which main alone sets) is taken from it.
 */
export function useAwsReportReview() {
  const { snapshot, version } = useWorkspace();
  const path = snapshot.path;
  const [state, setState] = useState<State | null>(null);
  const [loadError, setLoadError] = useState<AppErrorData | null>(null);
  const [busy, setBusy] = useState<Action | null>(null);
  // One action at a time: the buttons are disabled while one runs, and this holds for a double click before the re-render.
  const inFlight = useRef<Action | null>(null);
  const [failed, setFailed] = useState<{ action: Action; error: AppErrorData } | null>(null);

  const receive = useCallback(
    (view: AwsReportReviewView, sent?: AwsReportReviewDraft) =>
      setState((prev) => {
        const fresh = toDraft(view.review);
        if (view.review.signed) return { view, draft: fresh };
        if (!prev) {
          const kept = keptDrafts.get(path);
          return { view, draft: kept ? withFile(kept, view) : fresh };
        }
        // After a save: edits typed while it was on its way stay on screen, unsaved.
        if (sent) return { view, draft: sameDraft(prev.draft, sent) ? fresh : withFile(prev.draft, view) };
        const dirty = !sameDraft(prev.draft, toDraft(prev.view.review));
        return { view, draft: dirty ? withFile(prev.draft, view) : fresh };
      }),
    [path],
  );

  useEffect(() => {
    let cancelled = false;
    void api()
      .awsReport.get()
      .then((r) => {
        if (cancelled) return;
        setLoadError(r.ok ? null : r.error);
        if (r.ok) receive(r.value);
      });
    return () => {
      cancelled = true;
    };
  }, [version, receive]);

  const saved = useMemo(() => (state ? toDraft(state.view.review) : null), [state]);
  const dirty = !!state && !!saved && !sameDraft(state.draft, saved);

  useEffect(() => {
    if (state && dirty) keptDrafts.set(path, state.draft);
    else if (state) keptDrafts.delete(path);
  }, [state, dirty, path]);

  // Saved: the list main computed. Unsaved: the same rules over what is on screen.
  const problems = useMemo(
    () => (!state ? [] : dirty ? draftProblems(state.draft, snapshot.meta) : state.view.problems),
    [state, dirty, snapshot.meta],
  );

  const run = useCallback(async <T>(action: Action, call: () => Promise<Result<T>>): Promise<T | undefined> => {
    if (inFlight.current) return undefined;
    inFlight.current = action;
    setBusy(action);
    setFailed(null);
    try {
      const result = await call();
      if (!result.ok) {
        setFailed({ action, error: result.error });
        return undefined;
      }
      return result.value;
    } finally {
      inFlight.current = null;
      setBusy(null);
    }
  }, []);

  const setDraft = useCallback(
    (update: (draft: AwsReportReviewDraft) => AwsReportReviewDraft) =>
      setState((prev) => (prev ? { ...prev, draft: update(prev.draft) } : prev)),
    [],
  );

  const actions = useMemo(
    () => ({
      save: async () => {
        if (!state) return;
        const sent = state.draft;
        const view = await run('save', () => api().awsReport.save(sent));
        if (view) receive(view, sent);
      },
      chooseFile: async () => {
        const view = await run('choose', () => api().awsReport.chooseReportFile());
        if (view) receive(view);
      },
      sign: async (key: SigningKeyChoice | null) => {
        const view = await run('sign', () => api().awsReport.sign(key ? { key } : {}));
        if (view) receive(view);
        return !!view;
      },
      reopen: async (reason: string) => {
        const view = await run('reopen', () => api().awsReport.reopen({ reason }));
        if (view) receive(view);
        return !!view;
      },
    }),
    [state, run, receive],
  );

  /** The error of the last action, shown next to where it was started. */
  const errorOf = (...of: Action[]): AppErrorData | null =>
    failed && of.includes(failed.action) ? failed.error : null;

  return {
    view: state?.view ?? null,
    draft: state?.draft ?? null,
    dirty,
    problems,
    loadError,
    busy,
    errorOf,
    setDraft,
    ...actions,
  };
}
