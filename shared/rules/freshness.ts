/** Evidence dated more than this many days before the as-of date is flagged, unless the user chooses otherwise. */
export const DEFAULT_FRESHNESS_DAYS = 90;

/** The two date flags (they are also bundle flags of manifest.json, under these names). */
export const FRESHNESS_FLAGS = ['captured_after_as_of', 'older_than_freshness_window'] as const;
export type FreshnessFlag = (typeof FRESHNESS_FLAGS)[number];

/** What the rule reads of a record. */
export interface DatedEvidence {
  source: { type: string };
  capturedAt: string;
  effectiveDate: string;
}

/**
 * The day evidence speaks for: an import's effective date (what the document shows, which a person
 * states when adding it), not the day it was added; a capture's or API read's own day.
 */
export const evidenceDate = (record: DatedEvidence): string =>
  record.source.type === 'import' ? record.effectiveDate : record.capturedAt.slice(0, 10);

/** The first day inside the freshness window that ends on the as-of date. */
export function freshnessStart(asOfDate: string, freshnessDays: number): string {
  const asOf = Date.parse(`${asOfDate}T00:00:00Z`);
  return new Date(asOf - freshnessDays * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The one rule for dated evidence, used by the export's pre-flight and bundle, the control page,
 * the Evidence library and the dashboard: dated after the as-of date, or before the freshness
 * window (the days before the as-of date an auditor accepts as current).
 */
export function freshnessFlags(
  record: DatedEvidence,
  window: { asOfDate: string; freshnessDays: number },
): FreshnessFlag[] {
  const day = evidenceDate(record);
  const flags: FreshnessFlag[] = [];
  if (day > window.asOfDate) flags.push('captured_after_as_of');
  if (day < freshnessStart(window.asOfDate, window.freshnessDays)) flags.push('older_than_freshness_window');
  return flags;
}

/** How the flags read where people work. */
export const FRESHNESS_LABELS: Record<FreshnessFlag, string> = {
  captured_after_as_of: 'Dated after the as-of date',
  older_than_freshness_window: 'Older than the freshness window',
};
