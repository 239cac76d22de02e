import type { EvidenceSource } from '../../../shared/domain/evidence';
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

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

export const AWS_CARVE_OUT =
  'Amazon Web Services (AWS) is a subservice organization, presented under the carve-out method: the controls AWS operates ' +
  '(physical security, hardware, the virtualization layer, the managed services themselves) are not tested in this report. ' +
  "They are covered by AWS's own SOC 2 report, whose review is recorded under the control";
