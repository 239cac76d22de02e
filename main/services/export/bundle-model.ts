import { AWS_REPORT_REVIEW_CONTROL_ID, CONTROLS } from '../../../shared/catalog';
import type { ControlDef } from '../../../shared/catalog/types';
import type { Person } from '../../../shared/domain/common';
import { effectiveStatus, reviewStands, type AwsReviewStanding } from '../../../shared/rules/readiness';
import { awsReviewReadiness } from '../../../shared/rules/aws-report-standing';
import { defaultControlState, type ControlState, type Exclusion } from '../../../shared/domain/control-state';
import type { EvidenceRecord } from '../../../shared/domain/evidence';
import type { EvidenceFlag } from '../../../shared/domain/manifest';
import { DEFAULT_FRESHNESS_DAYS } from '../../../shared/rules/freshness';
import type { WorkspaceState } from '../../../shared/domain/workspace-documents';
import type { Category, WorkspaceMeta } from '../../../shared/domain/workspace';
import { controlsInScope, criteriaCoverage, type CriterionCoverage } from '../../../shared/rules/coverage';
import { formulaCellsOf } from '../../../shared/rules/formula-cells';
import { freshnessFlags } from '../../../shared/rules/freshness';
import type { EvidenceStore } from '../evidence/evidence-store';
import { judgeAwsReviewForBundle } from './aws-review-judgement';
import type { SignOffVerdicts } from './sign-off-verdicts';
import { evidencePath } from './layout';
import { accountInScope, accountOf, splitByLatestRun } from '../../../shared/rules/latest-run';

/** What an export reads: an open workspace, or the same documents loaded read-only by the CLI. */
/**
 * The workspace documents (the registry's state) plus where to find the evidence. The request list
 * and the access reviews may be absent (a source built before they existed): then the bundle has none.
 */
export interface ExportSource
  extends
    Omit<WorkspaceState, 'requests' | 'accessReviews' | 'evidenceRequests'>,
    Partial<Pick<WorkspaceState, 'requests' | 'accessReviews' | 'evidenceRequests'>> {
  root: string;
  evidence: Pick<EvidenceStore, 'list' | 'filePath' | 'verify'>;
  /** The control catalog; the built-in one unless a company adds its own controls (and the benchmark does). */
  catalog?: readonly ControlDef[];
}

export interface ExportOptions {
  asOfDate: string;
  /** Categories to include; security is always included. */
  categories: Category[];
  includeNotes: boolean;
  /** Evidence captured more than this many days before the as-of date is flagged as stale. */
  freshnessDays: number;
}

export interface ModelEvidence {
  record: EvidenceRecord;
  /** Path inside the bundle. */
  path: string;
  /** The in-scope controls it supports. */
  controlIds: string[];
  flags: EvidenceFlag[];
  /** A record of an earlier run of its check (shared/rules/latest-run.ts): in the evidence index, not on control pages. */
  earlierRun: boolean;
}

export interface ModelExclusion extends Exclusion {
  expiredAsOf: boolean;
}

export interface ModelControl {
  def: ControlDef;
  state: ControlState;
  owner: Person | null;
  /** Every evidence item supporting the control, earlier runs included (manifest.json lists them all). */
  evidence: ModelEvidence[];
  /** What the control's page shows: the latest run of each check, and every screenshot and document. */
  latest: ModelEvidence[];
  /** Earlier runs of its checks: listed in the evidence index only. */
  earlier: ModelEvidence[];
  exclusions: ModelExclusion[];
}

export interface BundleModel {
  meta: WorkspaceMeta;
  options: ExportOptions;
  preparedBy: Person;
  generatedAt: string;
  appVersion: string;
  controls: ModelControl[];
  evidence: ModelEvidence[];
  coverage: CriterionCoverage[];
  /** Records that support no control in the chosen scope, so are left out. */
  outOfScope: EvidenceRecord[];
  /** The AWS accounts and regions in scope (empty accounts: none chosen; null regions: every enabled one). */
  scope: { accounts: string[]; regions: string[] | null };
  /**
   * Records collected in an AWS account outside the scope: left out of the controls, listed apart
   * so the reader sees they exist (a request that links one still ships it, never as a result).
   */
  outOfAccountScope: EvidenceRecord[];
  awsReviewControlId: string;
  /** The review of AWS's SOC 2 report judged for this bundle's as-of date and categories. */
  awsReviewStanding: AwsReviewStanding;
  /** Whether inherited controls may count on it (signed, signature valid for this bundle, relied on). */
  awsReviewStands: boolean;
  /** What checking each sign-off's SSH signature found for this export. */
  signOffs: SignOffVerdicts;
}

export function resolveOptions(meta: WorkspaceMeta, input: Partial<ExportOptions>): ExportOptions {
  const chosen = input.categories?.filter((c) => meta.categories.includes(c)) ?? meta.categories;
  return {
    asOfDate: input.asOfDate ?? meta.asOfDate,
    categories: [...new Set<Category>(['security', ...chosen])],
    includeNotes: input.includeNotes ?? true,
    freshnessDays: input.freshnessDays ?? DEFAULT_FRESHNESS_DAYS,
  };
}

export function evidenceFlags(record: EvidenceRecord, options: ExportOptions): EvidenceFlag[] {
  const flags: EvidenceFlag[] = freshnessFlags(record, options);
  // Evidence bytes never change, so the warning found on import travels with the file.
  if (formulaCellsOf(record)) flags.push('formula_cells');
  return flags;
}

/** Everything the bundle shows, computed once from the workspace; no file is read here. */
export async function buildModel(
  source: ExportSource,
  options: ExportOptions,
  context: { preparedBy: Person; generatedAt: string; appVersion: string; signOffs: SignOffVerdicts },
): Promise<BundleModel> {
  const catalog = source.catalog ?? CONTROLS;
  const defs = controlsInScope(options.categories, catalog);
  const inScope = new Set(defs.map((d) => d.id));
  const members = new Map(source.team.members.map((m) => [m.id, m]));
  const evidence: ModelEvidence[] = [];
  const outOfScope: EvidenceRecord[] = [];
  const outOfAccountScope: EvidenceRecord[] = [];
  const accounts = [...source.meta.aws.accountIds];
  const requested = new Set((source.requests?.requests ?? []).flatMap((r) => r.evidenceIds));
  for (const record of await source.evidence.list()) {
    let controlIds = record.controlIds.filter((id) => inScope.has(id));
    // Evidence answering one of the auditor's requests ships even when its control is out of scope.
    if (controlIds.length === 0 && requested.has(record.id)) controlIds = record.controlIds;
    if (controlIds.length === 0) {
      outOfScope.push(record);
      continue;
    }
    if (!accountInScope(accountOf(record), accounts) && record.aws) {
      outOfAccountScope.push(record);
      if (!requested.has(record.id)) continue;
    }
    evidence.push({
      record,
      path: evidencePath(record, controlIds[0]!),
      controlIds,
      flags: evidenceFlags(record, options),
      earlierRun: false,
    });
  }
  // The one "latest run" rule, over every shipped record: a check's run is the same on every control it proves.
  const earlier = new Set(splitByLatestRun(evidence.map((e) => e.record)).earlier.map((r) => r.id));
  for (const item of evidence) item.earlierRun = earlier.has(item.record.id);
  const byControl = new Map<string, ModelEvidence[]>();
  for (const item of evidence) {
    for (const id of item.controlIds) byControl.set(id, [...(byControl.get(id) ?? []), item]);
  }
  // Judged for the bundle's scope, which may differ from the workspace's.
  const review = source.awsReportReview;
  const { standing } = judgeAwsReviewForBundle(
    review,
    options,
    context.generatedAt.slice(0, 10),
    catalog,
    context.signOffs.awsReportReview,
  );
  const awsReviewStanding = awsReviewReadiness(standing, review.conclusion.reliance ?? null);
  const controls = defs.map((def): ModelControl => {
    // Inherited controls follow the review of AWS's SOC 2 report, as on the dashboard.
    const state = {
      ...(source.controls.controls[def.id] ?? defaultControlState()),
      status: effectiveStatus(def, source.controls.controls, awsReviewStanding),
    };
    const member = state.ownerId ? members.get(state.ownerId) : undefined;
    return {
      def,
      state,
      owner: member ? { name: member.name, email: member.email } : null,
      evidence: byControl.get(def.id) ?? [],
      latest: (byControl.get(def.id) ?? []).filter((e) => !e.earlierRun),
      earlier: (byControl.get(def.id) ?? []).filter((e) => e.earlierRun),
      exclusions: state.exclusions.map((e) => ({ ...e, expiredAsOf: e.expiresOn < options.asOfDate })),
    };
  });
  return {
    meta: source.meta,
    options,
    ...context,
    controls,
    evidence,
    coverage: criteriaCoverage(options.categories, catalog),
    outOfScope,
    scope: { accounts, regions: source.meta.aws.regions ? [...source.meta.aws.regions] : null },
    outOfAccountScope,
    awsReviewControlId: AWS_REPORT_REVIEW_CONTROL_ID,
    awsReviewStanding,
    awsReviewStands: reviewStands(awsReviewStanding),
  };
}
