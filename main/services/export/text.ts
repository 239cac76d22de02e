import type { EvidenceSource } from '../../../shared/domain/evidence';
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
  captured_after_as_of: 'captured after the as-of date',
  older_than_freshness_window: 'older than the freshness window',
};

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
export const worstFirst = (entities: FindingEntity[]): FindingEntity[] => [...entities].sort((a, b) => SEVERITY[a.result] - SEVERITY[b.result]);
