import { stringify } from 'csv-stringify/sync';
import { CHECK_RESULT_LABELS } from '../../../shared/domain/findings';
import { STATUS_LABELS } from '../../../shared/domain/control-state';
import { RESPONSIBILITY_LABELS } from '../../../shared/catalog';
import type { BundleAwsReview } from './aws-review';
import type { BundleModel } from './bundle-model';
import type { LoadedFinding } from './evidence-files';
import { sourceSummary } from './text';
import { startsLikeFormula } from '../../../shared/rules/formula-cells';

/**
 * A text cell a spreadsheet would run as a formula gets a leading apostrophe, which spreadsheet
 * programs show as plain text; numbers are written as numbers and never touched.
 */
export function guardCell(value: string | number): string | number {
  if (typeof value === 'number') return value;
  return startsLikeFormula(value) ? `'${value}` : value;
}

/**
 * UTF-8 with a byte-order mark: Excel only reads non-ASCII names correctly with it, and
 * LibreOffice, Numbers and csv tools accept it. CRLF line ends, as RFC 4180 writes them.
 */
export function toCsv(header: string[], rows: (string | number)[][]): Buffer {
  // csv-stringify quotes a cell holding the whole record delimiter (CRLF) but not a lone LF
  // or CR, which spreadsheet programs and csv readers still take as the end of a row.
  return Buffer.from(
    stringify([header, ...rows.map((r) => r.map(guardCell))], {
      bom: true,
      record_delimiter: 'windows',
      quoted_match: /[\r\n]/,
    }),
    'utf8',
  );
}

export function controlsCsv(model: BundleModel, findings: Map<string, LoadedFinding[]>): Buffer {
  const header = [
    'Control ID',
    'Title',
    'Responsibility',
    'Criteria',
    'Owner',
    'Owner email',
    'Status',
    'Evidence count',
    'Evidence IDs',
    'Latest check results',
    'Exclusions',
  ];
  if (model.options.includeNotes) header.push('Notes');
  const rows = model.controls.map((c) => {
    const row: (string | number)[] = [
      c.def.id,
      c.def.title,
      RESPONSIBILITY_LABELS[c.def.responsibility],
      c.def.criteria.join(' '),
      c.owner?.name ?? '',
      c.owner?.email ?? '',
      STATUS_LABELS[c.state.status],
      c.evidence.length,
      c.evidence.map((e) => e.record.id).join(' '),
      (findings.get(c.def.id) ?? [])
        .map((f) =>
          f.finding
            ? `${f.finding.checkId}${f.evidence.record.aws ? ` (${f.evidence.record.aws.accountId})` : ''}: ${CHECK_RESULT_LABELS[f.finding.result]}`
            : `${f.evidence.record.id}: unreadable`,
        )
        .join('; '),
      c.exclusions
        .map(
          (e) => `${e.what} (approved by ${e.approvedBy}, expires ${e.expiresOn}${e.expiredAsOf ? ', EXPIRED' : ''})`,
        )
        .join('; '),
    ];
    if (model.options.includeNotes) row.push(c.state.notes);
    return row;
  });
  return toCsv(header, rows);
}

export function evidenceCsv(model: BundleModel): Buffer {
  const header = [
    'Evidence ID',
    'Title',
    'Kind',
    'Controls',
    'Check',
    'File in bundle',
    'SHA-256',
    'Size (bytes)',
    'Media type',
    'Captured at (UTC)',
    'Effective date',
    'Captured by',
    'Source',
    // The account and region as bare values, so a spreadsheet filters and counts by them.
    'Account ID',
    'Account alias',
    'Principal',
    'Region',
    'Flags',
  ];
  const rows = model.evidence.map(({ record: r, path, controlIds, flags }) => [
    r.id,
    r.title,
    r.kind,
    controlIds.join(' '),
    r.checkId ?? '',
    path,
    r.sha256,
    r.size,
    r.mediaType,
    r.capturedAt,
    r.effectiveDate,
    `${r.capturedBy.name} <${r.capturedBy.email}>`,
    sourceSummary(r.source),
    r.aws?.accountId ?? '',
    r.aws?.accountAlias ?? '',
    r.aws?.principalArn ?? '',
    r.aws?.region ?? '',
    flags.join(' '),
  ]);
  return toCsv(header, rows);
}

/** Status words in cuecs.csv for controls the bundle holds nothing for. */
const CUEC_CONTROL_OUTSIDE = { outOfScope: 'out_of_scope', unknown: 'not_in_catalog' } as const;

/**
 * One row per CUEC and control that meets it (a CUEC with no control gets one row with empty
 * control cells, so every CUEC of the review appears). Machine-style headers and status values,
 * as the auditor's tooling joins them with manifest.json.
 */
export function cuecsCsv(review: BundleAwsReview): Buffer {
  const header = ['cuec_id', 'cuec_text', 'control_id', 'control_title', 'control_status', 'evidence_count'];
  const rows = review.cuecs.flatMap((cuec): (string | number)[][] =>
    cuec.controls.length === 0
      ? [[cuec.id, cuec.text, '', '', '', 0]]
      : cuec.controls.map((c) => [
          cuec.id,
          cuec.text,
          c.id,
          c.title,
          c.status ?? (c.inCatalog ? CUEC_CONTROL_OUTSIDE.outOfScope : CUEC_CONTROL_OUTSIDE.unknown),
          c.evidenceCount,
        ]),
  );
  return toCsv(header, rows);
}
