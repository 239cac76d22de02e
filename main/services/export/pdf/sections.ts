import { CATEGORY_LABELS, SAMPLE_MARK } from '../../../../shared/domain/workspace';
import { STATUS_LABELS } from '../../../../shared/domain/control-state';
import { RESPONSIBILITY_LABELS, type Responsibility } from '../../../../shared/catalog';
import { allExclusions, type BundleContent } from '../content';
import { AWS_CARVE_OUT } from '../text';
import { awsScopeSentence, OUT_OF_SCOPE_INTRO, outOfScopeRows } from '../aws-scope';
import { cell, code, h1, h2, keyValues, para, table, type PdfNode } from './nodes';

export function cover({ model, fingerprint }: BundleContent): PdfNode[] {
  const { meta, options } = model;
  return [
    ...(meta.sample
      ? [
          { text: SAMPLE_MARK, style: 'coverTitle', color: '#c92a2a', margin: [0, 0, 0, 4] },
          para("Exported from a sample company's workspace (the Audit Workbench sandbox, not AWS)."),
        ]
      : []),
    { text: 'SOC 2 Type 1', style: 'coverKicker', margin: [0, meta.sample ? 60 : 120, 0, 8] },
    { text: meta.companyName, style: 'coverTitle' },
    { text: meta.systemName, style: 'coverSubtitle', margin: [0, 4, 0, 30] },
    keyValues([
      ['Report', `SOC 2 Type 1, controls as of ${options.asOfDate}`],
      ['Categories', options.categories.map((c) => CATEGORY_LABELS[c]).join(', ')],
      ['Prepared by', `${model.preparedBy.name} <${model.preparedBy.email}>`],
      ['Generated at', `${model.generatedAt} (UTC)`],
      ['Generated with', `Audit Workbench ${model.appVersion}`],
      ['Controls', String(model.controls.length)],
      ['Evidence files', String(model.evidence.length)],
    ]),
    { text: 'Bundle fingerprint (SHA-256 of manifest.json)', style: 'label', margin: [0, 20, 0, 2] },
    code(fingerprint, { fontSize: 8.5 }),
    para(
      'Check it with "sha256sum manifest.json" after unzipping, and every file with "sha256sum -c SHA256SUMS" (README.txt explains both). ' +
        'Ask the company to confirm the fingerprint through a separate channel.',
      'small',
    ),
  ];
}

const count = (content: BundleContent, r: Responsibility) =>
  content.model.controls.filter((c) => c.def.responsibility === r).length;

function outOfScopeTable(model: BundleContent['model']): PdfNode[] {
  const rows = outOfScopeRows(model);
  if (rows.length === 0) return [];
  return [
    h2('Evidence from AWS accounts outside the scope'),
    para(OUT_OF_SCOPE_INTRO, 'small'),
    table(
      [78, '*', 62, 90, 70],
      ['Evidence', 'Title', 'AWS account', 'Check', 'Captured (UTC)'],
      rows.map((r) => [cell(r.id), cell(r.title), cell(r.account), cell(r.check), cell(r.capturedAt)]),
    ),
  ];
}

export function scope(content: BundleContent): PdfNode[] {
  const { model } = content;
  const inherited = model.controls.filter((c) => c.def.responsibility === 'inherited');
  const counted = model.coverage.reduce<Record<string, number>>(
    (acc, c) => ({ ...acc, [c.status]: (acc[c.status] ?? 0) + 1 }),
    {},
  );
  return [
    h1('Scope and responsibility', { pageBreak: true }),
    para(
      `This bundle supports a SOC 2 Type 1 examination of ${model.meta.systemName} (${model.meta.companyName}): the design of its controls as of ${model.options.asOfDate}, ` +
        `for the ${model.options.categories.map((c) => CATEGORY_LABELS[c]).join(', ')} categories.`,
    ),
    para([
      { text: 'Subservice organization. ', bold: true },
      `${AWS_CARVE_OUT} `,
      code(model.awsReviewControlId),
      ' (CC9.2).',
    ]),
    table(
      ['*', 60],
      ['Responsibility', 'Controls'],
      (['owned', 'shared', 'inherited'] as const).map((r) => [cell(RESPONSIBILITY_LABELS[r]), cell(count(content, r))]),
    ),
    para(awsScopeSentence(model)),
    ...outOfScopeTable(model),
    para(
      'Owned controls are operated and evidenced by the company. Shared controls split the work: AWS secures the underlying service and the company configures and uses it; ' +
        'each control states the split. Inherited controls are operated by AWS and listed for completeness.',
      'small',
    ),
    h2('Criteria'),
    para(
      `${model.coverage.length} criteria in scope: ${counted.covered ?? 0} covered by controls, ${counted.not_applicable ?? 0} not applicable with a written reason, ${counted.uncovered ?? 0} uncovered.`,
    ),
    h2('Controls inherited from AWS'),
    inherited.length === 0
      ? para('None in scope.')
      : { ul: inherited.map((c) => ({ text: [code(c.def.id), ` ${c.def.title}`] })), margin: [0, 0, 0, 8] },
  ];
}

export function controlMatrix({ model }: BundleContent): PdfNode[] {
  return [
    h1('Control matrix', { pageBreak: true }),
    table(
      [118, 58, 62, 62, 50, '*'],
      ['Control', 'Responsibility', 'Criteria', 'Owner', 'Status', 'Evidence'],
      model.controls.map((c) => [
        { stack: [code(c.def.id, { fontSize: 6.5 }), { text: c.def.title, fontSize: 7 }] },
        cell(RESPONSIBILITY_LABELS[c.def.responsibility]),
        cell(c.def.criteria.join(', ')),
        cell(c.owner?.name ?? 'No owner'),
        cell(STATUS_LABELS[c.state.status]),
        c.latest.length === 0
          ? cell('None', { color: '#a33' })
          : { text: c.latest.map((e) => e.record.id).join(' '), fontSize: 6.5 },
      ]),
      { fontSize: 7.5 },
    ),
  ];
}

export function criteriaCoverageTable({ model }: BundleContent): PdfNode[] {
  const label = { covered: 'Covered', not_applicable: 'Not applicable', uncovered: 'UNCOVERED' } as const;
  return [
    h1('Criteria coverage', { pageBreak: true }),
    table(
      [38, '*', 58, 170],
      ['Criterion', 'What it asks', 'Status', 'Controls, or the reason it does not apply'],
      model.coverage.map((c) => [
        cell(c.criterion.id, { bold: true }),
        cell(c.criterion.summary),
        cell(label[c.status], c.status === 'uncovered' ? { color: '#a33', bold: true } : {}),
        c.status === 'not_applicable'
          ? cell(c.reason ?? '')
          : { stack: c.controls.map((id) => code(id, { fontSize: 6.5 })) },
      ]),
      { fontSize: 7.5 },
    ),
  ];
}

/**
 * The exclusions, in tables of `rowsPerTable` rows, each laid out as a part of its own: pdfmake
 * keeps a document's whole layout in memory (about 50 KB a row), so 20,000 exclusions as one
 * table took the export to 1.3 GB.
 */
export function exclusionsSection(content: BundleContent, rowsPerTable: number): PdfNode[][] {
  const rows = allExclusions(content);
  const heading = h1('Exceptions and exclusions', { pageBreak: true });
  if (rows.length === 0) return [[heading, para('No exclusions are recorded for the controls in scope.')]];
  const parts: PdfNode[][] = [];
  for (let start = 0; start < rows.length; start += rowsPerTable) {
    parts.push([
      ...(start === 0 ? [heading] : []),
      table(
        [100, 90, '*', 70, 55],
        ['Control', 'What is excluded', 'Reason', 'Approved by', 'Expires'],
        rows
          .slice(start, start + rowsPerTable)
          .map(({ controlId, exclusion: e }) => [
            code(controlId, { fontSize: 6.5 }),
            cell(e.what),
            cell(e.reason),
            cell(e.approvedBy),
            cell(
              e.expiredAsOf ? `${e.expiresOn} (expired as of ${content.model.options.asOfDate})` : e.expiresOn,
              e.expiredAsOf ? { color: '#a33' } : {},
            ),
          ]),
        { fontSize: 7.5 },
      ),
    ]);
  }
  return parts;
}
