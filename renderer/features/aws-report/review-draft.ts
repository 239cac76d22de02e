import type { AwsReportReviewDraft } from '../../../shared/domain/aws-report-review';
import type { WorkspaceMeta } from '../../../shared/domain/workspace';
import { reviewContext, reviewProblems, type ReviewProblem } from '../../../shared/rules/aws-report-review';
import { canonicalJson } from '../../../shared/util/canonical-json';

export { reviewDraftOf as toDraft } from '../../../shared/rules/aws-report-review';

export const sameDraft = (a: AwsReportReviewDraft, b: AwsReportReviewDraft): boolean =>
  canonicalJson(a) === canonicalJson(b);

/** An id for a new exception or CUEC row; unique within the review. */
export const newRowId = (prefix: string): string =>
  `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

/**
 * The same rules main applies, run on the unsaved draft so the "Before you sign" list follows
 * the typing. Strings are trimmed as the stored schema trims them.
 */
export function draftProblems(
  draft: AwsReportReviewDraft,
  meta: Pick<WorkspaceMeta, 'asOfDate' | 'categories'>,
): ReviewProblem[] {
  const trimmed = JSON.parse(
    JSON.stringify(draft, (_k, v: unknown) => (typeof v === 'string' ? v.trim() : v)),
  ) as AwsReportReviewDraft;
  return reviewProblems(trimmed, reviewContext(meta, new Date().toISOString().slice(0, 10)));
}

/** An empty date field is no date. */
export const dateOrUndefined = (value: string): string | undefined => (value ? value : undefined);

/**
 * Brings the field a problem names into view and focuses its first input: `cuecs.2` finds the
 * third CUEC's row, `report.periodEnd` its date field; a path with no element of its own
 * falls back to its section (`services`).
 */
export function focusField(field: string): void {
  const parts = field.split('.');
  for (let n = parts.length; n > 0; n--) {
    const el = document.querySelector<HTMLElement>(`[data-field="${CSS.escape(parts.slice(0, n).join('.'))}"]`);
    if (!el) continue;
    el.scrollIntoView({ block: 'center', behavior: 'smooth' });
    const input = el.matches('input, textarea, button')
      ? el
      : el.querySelector<HTMLElement>('input:not([type=hidden]), textarea, button');
    input?.focus({ preventScroll: true });
    return;
  }
}
