import { signOffWords, type ReviewStanding } from '../../../shared/rules/reviews/review-standing';
import type { EvidenceRecord, EvidenceSource } from '../../../shared/domain/evidence';
import { formulaCellsOf } from '../../../shared/rules/formula-cells';
import type { FindingEntity } from '../../../shared/domain/findings';
import type { EvidenceFlag } from '../../../shared/domain/manifest';

/** Wording shared by the PDF, the HTML and the CSVs, so the auditor reads one vocabulary. */
export function sourceSummary(source: EvidenceSource): string {
  switch (source.type) {
    case 'aws_api':
      return `AWS API: ${source.calls.map((c) => `${c.service}:${c.operation}${c.requestId ? ` (request ${c.requestId})` : ''}`).join(', ')}`;
    case 'console_capture':
      return `AWS console capture: ${source.url}`;
    case 'web_capture':
      return `Web capture: ${source.url}`;
    case 'import':
      return `Imported file: ${source.originalName}`;
    case 'derived':
      return `Derived by ${source.rule} from ${source.from.join(', ')}`;
  }
}

export const FLAG_LABELS: Record<EvidenceFlag, string> = {
  captured_after_as_of: 'dated after the as-of date',
  older_than_freshness_window: 'older than the freshness window',
  formula_cells: 'has cells a spreadsheet would run as formulas: open it as text, not in a spreadsheet',
};

/** The flags of one evidence item in words; formula cells with their count and the first one. */
export function flagsText(flags: EvidenceFlag[], record: EvidenceRecord): string {
  return flags
    .map((flag) => {
      const cells = flag === 'formula_cells' ? formulaCellsOf(record) : undefined;
      if (!cells) return FLAG_LABELS[flag];
      const many = cells.count === 1 ? 'cell' : 'cells';
      return `has ${cells.count} ${many} a spreadsheet would run as formulas (first ${cells.first}): open it as text, not in a spreadsheet`;
    })
    .join('; ');
}

/** On a control's page: how many files of earlier runs its checks have, which only the evidence index lists. */
export const earlierRunsText = (n: number) => `${n} file${n === 1 ? '' : 's'} of earlier runs`;

/** In the evidence index, beside a file of an earlier run. */
export const EARLIER_RUN_NOTE = 'Earlier run: control pages show the latest run of each check.';

export const KIND_LABELS: Record<string, string> = {
  api_snapshot: 'API snapshot',
  findings: 'Findings',
  screenshot: 'Screenshot',
  document: 'Document',
};

export const AWS_CARVE_OUT =
  'Amazon Web Services (AWS) is a subservice organization, presented under the carve-out method: the controls AWS operates ' +
  '(physical security, hardware, the virtualization layer, the managed services themselves) are not tested in this report. ' +
  "They are covered by AWS's own SOC 2 report, whose review is recorded under the control";

const SEVERITY = { fail: 0, error: 1, needs_review: 2, not_applicable: 3, pass: 4 } as const;

/** Entities with problems first, so a capped list never hides a failing one behind passing ones. */
export const worstFirst = (entities: FindingEntity[]): FindingEntity[] =>
  [...entities].sort((a, b) => SEVERITY[a.result] - SEVERITY[b.result]);

export const AWS_REVIEW_TITLE = 'AWS as a subservice organization: review of its SOC 2 report';

export const AWS_REPORT_CONFIDENTIAL =
  "AWS's SOC 2 report is AWS Confidential and is not included in this bundle. The auditor obtains it from AWS Artifact " +
  '(in the AWS console) and can match the copy reviewed by its SHA-256 above.';

/**
 * A sign-off as the PDF and HTML both word it, from the review kernel's standing: "Signed by NAME
 * (email) on 2026-12-22 14:03 UTC with ED25519 key SHA256:…", "Recorded by … , not signed with a
 * key", or, for a forged one, NOT SIGNED; with why it does not stand. Null while nothing was signed.
 */
export function bundleSignOff(
  standing: ReviewStanding,
): { line: string; tone: 'pass' | 'warn' | 'bad'; problems: string[] } | null {
  if (standing.forged)
    return { line: 'NOT SIGNED — the sign-off is forged', tone: 'bad', problems: standing.signatureProblems };
  if (!standing.signed) return null;
  return {
    line: signOffWords(standing.signed, { email: true, time: true }),
    tone: standing.signatureProblems.length > 0 ? 'warn' : 'pass',
    problems: standing.signatureProblems,
  };
}

export const NOT_SIGNED = 'NOT SIGNED — draft';

export const REQUESTS_TITLE = 'Requests';
export const REQUESTS_INTRO =
  'The request list as the audit firm sent it (requests.csv and requests.xlsx carry all of its columns).';
