import { RESPONSIBILITY_LABELS } from '../../../../shared/catalog';
import { STATUS_LABELS } from '../../../../shared/domain/control-state';
import { accountLabel, FINDINGS_HEADING } from '../aws-scope';
import { CHECK_RESULT_LABELS, type CheckResult, type FindingEntity } from '../../../../shared/domain/findings';
import type { ModelControl, ModelEvidence } from '../bundle-model';
import type { BundleContent } from '../content';
import type { LoadedFinding } from '../evidence-files';
import { screenshotsToPreview } from '../thumbnails';
import { reviewState, reviewStatusLine } from '../aws-review';
import {
  AWS_REVIEW_TITLE,
  EARLIER_RUN_NOTE,
  KIND_LABELS,
  earlierRunsText,
  flagsText,
  sourceSummary,
  worstFirst,
} from '../text';
import { cell, code, h2, keyValues, para, table, type PdfNode } from './nodes';

/**
 * Which entities a finding's PDF table lists: every one that failed or needs review (they are
 * what the auditor follows up), up to a bound that keeps the layout's memory in check, and a
 * sample of those that passed. index.html and the findings JSON list them all.
 */
export const MAX_FLAGGED_ENTITY_ROWS = 1000;
export const MAX_PASSING_ENTITY_ROWS = 25;

export function pdfEntityRows(entities: readonly FindingEntity[]): {
  shown: FindingEntity[];
  omittedFlagged: number;
  omittedPassing: number;
} {
  const ordered = worstFirst([...entities]);
  const flagged = ordered.filter((e) => e.result !== 'pass' && e.result !== 'not_applicable');
  const passing = ordered.filter((e) => e.result === 'pass' || e.result === 'not_applicable');
  const shownFlagged = flagged.slice(0, MAX_FLAGGED_ENTITY_ROWS);
  const shownPassing = passing.slice(0, MAX_PASSING_ENTITY_ROWS);
  return {
    shown: [...shownFlagged, ...shownPassing],
    omittedFlagged: flagged.length - shownFlagged.length,
    omittedPassing: passing.length - shownPassing.length,
  };
}

function omittedNote(rows: ReturnType<typeof pdfEntityRows>, where: string): string | null {
  const parts = [
    rows.omittedFlagged > 0 ? `${rows.omittedFlagged} more that failed or need review` : '',
    rows.omittedPassing > 0 ? `${rows.omittedPassing} more that passed` : '',
  ].filter(Boolean);
  return parts.length ? `${parts.join(' and ')} are listed in index.html and in ${where}.` : null;
}

const RESULT_COLORS: Record<CheckResult, string> = {
  pass: '#1b7a3a',
  fail: '#b3261e',
  needs_review: '#9a6700',
  not_applicable: '#555',
  error: '#b3261e',
};

function findingBlock({ evidence, finding }: LoadedFinding): PdfNode[] {
  if (!finding)
    return [
      para([
        code(evidence.record.id),
        ` ${evidence.record.title}: the findings file could not be read as findings; it is included as evidence at ${evidence.path}.`,
      ]),
    ];
  const rows = pdfEntityRows(finding.entities);
  const { shown } = rows;
  const omitted = omittedNote(rows, evidence.path);
  const limits = Object.entries(finding.limits)
    .map(([k, v]) => `${k} = ${String(v)}`)
    .join(', ');
  return [
    {
      text: [
        code(finding.checkId, { bold: true }),
        ...(evidence.record.aws ? [`  ${accountLabel(evidence.record)}`] : []),
        '  ',
        { text: CHECK_RESULT_LABELS[finding.result], bold: true, color: RESULT_COLORS[finding.result] },
        `  ${finding.summary}`,
      ],
      margin: [0, 4, 0, 2],
    },
    para(
      `Rule: ${finding.rule}${limits ? ` (limits: ${limits})` : ''}. Evaluated ${finding.evaluatedAt}; evidence ${evidence.record.id}.`,
      'small',
    ),
    ...(finding.error
      ? [
          para(
            `Error ${finding.error.code}: ${finding.error.message}${finding.error.missingAction ? ` (missing permission ${finding.error.missingAction})` : ''}`,
            'small',
          ),
        ]
      : []),
    ...(shown.length
      ? [
          table(
            ['*', 52, 170],
            ['Entity', 'Result', 'Why'],
            shown.map((e) => [
              cell(e.arn, { fontSize: 6.5 }),
              cell(CHECK_RESULT_LABELS[e.result], { color: RESULT_COLORS[e.result] }),
              cell(e.detail),
            ]),
            { fontSize: 7 },
          ),
        ]
      : []),
    ...(omitted ? [para(omitted, 'small')] : []),
  ];
}

function provenance(item: ModelEvidence): string {
  const r = item.record;
  const aws = r.aws
    ? ` AWS account ${r.aws.accountId}${r.aws.accountAlias ? ` (${r.aws.accountAlias})` : ''}, principal ${r.aws.principalArn}.`
    : '';
  return `${sourceSummary(r.source)}. Captured ${r.capturedAt} by ${r.capturedBy.name}.${aws}`;
}

function screenshotBlock(item: ModelEvidence, thumbnails: Map<string, Buffer>): PdfNode {
  const thumb = thumbnails.has(item.record.id);
  return {
    unbreakable: true,
    margin: [0, 4, 0, 8],
    columns: [
      thumb
        ? { image: `thumb:${item.record.id}`, fit: [190, 150], width: 196 }
        : { text: 'No preview', style: 'small', width: 196 },
      {
        width: '*',
        stack: [
          { text: item.record.title, bold: true },
          para(provenance(item), 'small'),
          code(item.record.sha256, { fontSize: 5.6 }),
          { text: item.path, style: 'small' },
        ],
      },
    ],
  };
}

/** On the review control's page: the review of AWS's SOC 2 report is its evidence for CC9.2, in its own section. */
function reviewPointer(content: BundleContent): PdfNode {
  const state = reviewState(content.awsReview);
  const color =
    state === 'relied_on' ? '#1b7a3a' : state === 'draft' || state === 'signature_stale' ? '#a33' : '#9a6700';
  return para([
    { text: "Review of AWS's SOC 2 report: ", bold: true },
    `this control's evidence for CC9.2, in the section "${AWS_REVIEW_TITLE}". `,
    { text: reviewStatusLine(content.awsReview), color, bold: true },
  ]);
}

export function controlPage(control: ModelControl, content: BundleContent): PdfNode[] {
  const { def, state } = control;
  const { options } = content.model;
  const findings = content.findings.get(def.id) ?? [];
  const shots = screenshotsToPreview(control.evidence);
  return [
    {
      text: [code(def.id), ` ${def.title}`],
      style: 'h1',
      tocItem: true,
      tocStyle: { fontSize: 8 },
      pageBreak: 'before',
    },
    keyValues([
      ['Responsibility', RESPONSIBILITY_LABELS[def.responsibility]],
      ['Criteria', def.criteria.join(', ')],
      ['Owner', control.owner ? `${control.owner.name} <${control.owner.email}>` : 'No owner'],
      ['Status', STATUS_LABELS[state.status]],
      [
        'Evidence',
        `${control.latest.length} file(s)${control.earlier.length ? `; ${earlierRunsText(control.earlier.length)} in the evidence index` : ''}`,
      ],
    ]),
    para(def.intent),
    ...(def.split ? [para(`AWS: ${def.split.aws}`, 'small'), para(`The company: ${def.split.company}`, 'small')] : []),
    ...(def.id === content.model.awsReviewControlId ? [reviewPointer(content)] : []),
    ...(def.responsibility === 'inherited'
      ? [
          para(
            `${def.whyResponsibility} Evidence for it is the review of AWS's SOC 2 report under ${content.model.awsReviewControlId}.`,
            'small',
          ),
        ]
      : []),
    ...(options.includeNotes && state.notes ? [h2('Notes'), para(state.notes)] : []),
    ...(control.exclusions.length
      ? [
          h2('Exclusions'),
          ...control.exclusions.map((e) =>
            para(
              `${e.what}: ${e.reason} Approved by ${e.approvedBy}; expires ${e.expiresOn}${e.expiredAsOf ? ' (EXPIRED as of the as-of date)' : ''}.`,
            ),
          ),
        ]
      : []),
    ...(findings.length ? [h2(FINDINGS_HEADING), ...findings.flatMap(findingBlock)] : []),
    ...(shots.length ? [h2('Screenshots'), ...shots.map((s) => screenshotBlock(s, content.thumbnails))] : []),
    h2('Evidence'),
    control.latest.length === 0
      ? para('No evidence is linked to this control.', 'small')
      : table(
          [78, '*'],
          ['Evidence', 'Title, kind, captured (UTC); files and hashes are in the evidence index'],
          // One text node per cell: a row costs little, so controls with hundreds of items stay cheap to lay out.
          control.latest.map((e) => [
            code(e.record.id, { fontSize: 6.5 }),
            cell(
              `${e.record.title} · ${KIND_LABELS[e.record.kind] ?? e.record.kind} · ${e.record.capturedAt.slice(0, 16).replace('T', ' ')}${e.flags.length ? ` · ${flagsText(e.flags, e.record)}` : ''}`,
            ),
          ]),
          { fontSize: 7 },
        ),
    ...(control.earlier.length
      ? [
          para(
            `The latest run of each check is shown; ${earlierRunsText(control.earlier.length)} of its checks are listed in the evidence index.`,
            'small',
          ),
        ]
      : []),
  ];
}

/** The evidence index as tables of at most `rowsPerTable` rows, so each can be laid out on its own (see render.ts). */
export function evidenceIndex({ model }: BundleContent, rowsPerTable: number): PdfNode[][] {
  const intro: PdfNode[] = [
    { text: 'Evidence index', style: 'h1', tocItem: true, pageBreak: 'before' },
    para(
      'Every evidence file in the bundle with its SHA-256. The same list is in evidence.csv and manifest.json.',
      'small',
    ),
  ];
  if (model.evidence.length === 0) return [[...intro, para('The bundle holds no evidence files.')]];
  const tables: PdfNode[][] = [];
  for (let start = 0; start < model.evidence.length; start += rowsPerTable) {
    const rows = model.evidence.slice(start, start + rowsPerTable).map((e) => [
      cell(`${e.record.id}\n${KIND_LABELS[e.record.kind] ?? e.record.kind}, ${e.record.capturedAt.slice(0, 10)}`, {
        fontSize: 6.3,
        noWrap: true,
      }),
      cell(
        `${e.record.title}\n${e.controlIds.join(', ')}\n${e.path}${e.flags.includes('formula_cells') ? `\n${flagsText(['formula_cells'], e.record)}` : ''}${e.earlierRun ? `\n${EARLIER_RUN_NOTE}` : ''}`,
        { fontSize: 6.5 },
      ),
      code(e.record.sha256, { fontSize: 6.3 }),
    ]);
    tables.push([
      ...(start === 0 ? intro : []),
      table([82, '*', 232], ['Evidence', 'Title, controls, file', 'SHA-256'], rows),
    ]);
  }
  return tables;
}
