import { CONTROLS } from '../../../shared/catalog';
import type { AwsReportReviewDoc, AwsReportReviewDraft } from '../../../shared/domain/aws-report-review';
import type { WorkspaceMeta } from '../../../shared/domain/workspace';
import { reviewProblems, type ReviewProblem } from '../../../shared/rules/aws-report-review';
import { controlsInScope } from '../../../shared/rules/coverage';

/** What a person edits, taken from the stored review (bookkeeping and signature left out). */
export function toDraft(doc: AwsReportReviewDoc): AwsReportReviewDraft {
  const { schemaVersion: _v, signed: _s, updatedAt: _a, updatedBy: _b, ...draft } = doc;
  return draft;
}

/** JSON with sorted keys and without undefined values: equal drafts give equal strings. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}

export const sameDraft = (a: AwsReportReviewDraft, b: AwsReportReviewDraft): boolean => canonical(a) === canonical(b);

/** An id for a new exception or CUEC row; unique within the review. */
export const newRowId = (prefix: string): string => `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

const KNOWN_CONTROL_IDS = new Set(CONTROLS.map((c) => c.id));

/**
 * The same rules main applies, run on the unsaved draft so the "Before you sign" list follows
 * the typing. Strings are trimmed as the stored schema trims them.
 */
export function draftProblems(draft: AwsReportReviewDraft, meta: Pick<WorkspaceMeta, 'asOfDate' | 'categories'>): ReviewProblem[] {
  const trimmed = JSON.parse(JSON.stringify(draft, (_k, v: unknown) => (typeof v === 'string' ? v.trim() : v))) as AwsReportReviewDraft;
  return reviewProblems(trimmed, {
    asOfDate: meta.asOfDate,
    categories: meta.categories,
    knownControlIds: KNOWN_CONTROL_IDS,
    controlIdsInScope: new Set(controlsInScope(meta.categories).map((c) => c.id)),
  });
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
    const input = el.matches('input, textarea, button') ? el : el.querySelector<HTMLElement>('input:not([type=hidden]), textarea, button');
    input?.focus({ preventScroll: true });
    return;
  }
}
