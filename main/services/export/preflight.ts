import { join } from 'node:path';
import { CONTROL_STATUSES, type ControlStatus } from '../../../shared/domain/control-state';
import type { EvidenceKind, FileIntegrity } from '../../../shared/domain/evidence';
import { recordChecker, type WorkspaceIntegrity } from '../evidence/record-checks';
import type { RecordStatus } from '../../../shared/domain/record-status';
import type { CheckResult } from '../../../shared/domain/findings';
import type { Person } from '../../../shared/domain/common';
import type { PreflightReport } from '../../../shared/ipc/channels/export';
import { EVIDENCE_DIR } from '../evidence/evidence-store';
import { evidenceReader } from '../evidence/evidence-reader';
import { listFolder } from '../storage/workspace-files';
import { CONTROLS } from '../../../shared/catalog';
import { blockingOf, bundleAwsReview, warningsOf } from './aws-review';
import { accessReviewOpen, bundleAccessReview } from './access-review-bundle';
import type { SignOffKeys } from '../reviews/sign-off-keys';
import { signOffVerdicts } from './sign-off-verdicts';
import { buildModel, type ExportOptions, type ExportSource, type ModelEvidence } from './bundle-model';
import { latestFindings } from './evidence-files';
import { requestStandings } from '../../../shared/rules/evidence-requests';

/** Record files the evidence store could not read (it skips them); the pre-flight says so. */
async function unreadableRecords(source: ExportSource, readable: number): Promise<number> {
  const names = await listFolder(join(source.root, EVIDENCE_DIR, 'records')).catch(() => [] as string[]);
  return Math.max(0, names.filter((n) => n.endsWith('.json')).length - readable);
}

/** The records the log gave one status, with why and when: left out of the bundle, listed in its manifest. */
const withStatus = (sealed: WorkspaceIntegrity | undefined | null, status: RecordStatus) =>
  [...(sealed?.index.status ?? [])]
    .filter(([, s]) => s.status === status)
    .map(([id, s]) => {
      const title = sealed?.index.seals.get(id)?.record?.title;
      return { id, title: typeof title === 'string' ? title : id, reason: s.reason, by: s.by.name, at: s.at };
    });

/** A record out of account scope is still shipped when a request links it; then it counts among the evidence. */
const notShipped = (model: { evidence: ModelEvidence[] }) => {
  const shipped = new Set(model.evidence.map((e) => e.record.id));
  return (r: { id: string }) => !shipped.has(r.id);
};

/**
 * What the export would contain and what deserves attention first. It re-hashes every
 * evidence file, so a tampered or missing file shows here before the export refuses it.
 */
export async function preflight(
  source: ExportSource,
  options: ExportOptions,
  context: { preparedBy: Person; now: Date; appVersion: string; fresh?: boolean; signOffKeys: SignOffKeys },
  signal?: AbortSignal,
): Promise<PreflightReport> {
  const model = await buildModel(source, options, {
    preparedBy: context.preparedBy,
    generatedAt: context.now.toISOString(),
    appVersion: context.appVersion,
    signOffs: await signOffVerdicts(source, context.signOffKeys),
  });
  const reader = evidenceReader(source.evidence);
  const reads = await reader.readAll(
    model.evidence.map((item) => item.record),
    { signal, fresh: context.fresh ?? false },
  );
  const readById = new Map(reads.map((r) => [r.record.id, r]));
  const integrity = model.evidence.map((item) => ({ item, read: readById.get(item.record.id)! }));

  const checks: PreflightReport['failingChecks'] = [];
  for (const [controlId, items] of latestFindings(model)) {
    for (const item of items) {
      const finding = readById.get(item.record.id)?.finding;
      if (!finding) continue;
      const result: CheckResult = finding.result;
      if (result === 'fail' || result === 'error' || result === 'needs_review') {
        checks.push({
          controlId,
          checkId: finding.checkId,
          ...(item.record.aws ? { accountId: item.record.aws.accountId } : {}),
          result,
          summary: finding.summary,
          evidenceId: item.record.id,
        });
      }
    }
  }

  const byStatus = Object.fromEntries(CONTROL_STATUSES.map((s) => [s, 0])) as Record<ControlStatus, number>;
  for (const c of model.controls) byStatus[c.state.status]++;
  const byKind: Partial<Record<EvidenceKind, number>> = {};
  for (const e of model.evidence) byKind[e.record.kind] = (byKind[e.record.kind] ?? 0) + 1;
  const brief = (e: ModelEvidence) => ({
    id: e.record.id,
    title: e.record.title,
    capturedAt: e.record.capturedAt,
    controlIds: e.controlIds,
  });
  const sealed = await recordChecker(source.evidence as object)?.check({ fresh: context.fresh ?? false });
  const fileProblems = integrity.filter((r) => r.read.integrity !== 'ok');
  const recordProblems = (sealed?.problems ?? []).map((c) => ({
    id: c.id,
    title: c.record?.title ?? `evidence/records/${c.id}.json`,
    capturedAt: c.record?.capturedAt ?? '',
    controlIds: c.record?.controlIds ?? [],
    sha256: c.record?.sha256 ?? '',
    problem: c.state as 'tampered' | 'damaged' | 'missing',
    readError: c.message,
  }));
  const problems = fileProblems.filter((r) => !recordProblems.some((p) => p.id === r.item.record.id));
  const review = bundleAwsReview(source.awsReportReview, model, source.catalog ?? CONTROLS);
  const signed = review.standing.signed;
  const access = bundleAccessReview(source.accessReviews, source.team, model);

  const checkTimes = reads.map((r) => r.checkedAt).sort();
  const damaged = new Set([...recordProblems.map((p) => p.id), ...fileProblems.map((r) => r.item.record.id)]);
  const requests = requestStandings(
    model.controls.map((c) => c.def),
    source.evidenceRequests,
    model.evidence.map(({ record }) => ({
      id: record.id,
      title: record.title,
      capturedAt: record.capturedAt,
      ...(record.meta ? { meta: record.meta } : {}),
      usable: !damaged.has(record.id) && !sealed?.index.status.has(record.id),
    })),
  );
  return {
    options,
    filesChecked: { count: reads.length, fresh: context.fresh ?? false, oldestCheckAt: checkTimes[0] ?? null },
    controls: { total: model.controls.length, byStatus },
    evidence: {
      total: model.evidence.length,
      bytes: model.evidence.reduce((sum, e) => sum + e.record.size, 0),
      byKind,
      outOfScope: model.outOfScope.length,
      unreadableRecords: await unreadableRecords(
        source,
        model.evidence.length + model.outOfScope.length + model.outOfAccountScope.filter(notShipped(model)).length,
      ),
    },
    scope: model.scope,
    outOfAccountScope: model.outOfAccountScope.map((r) => ({
      id: r.id,
      title: r.title,
      accountId: r.aws!.accountId,
      ...(r.checkId ? { checkId: r.checkId } : {}),
      capturedAt: r.capturedAt,
    })),
    controlsWithoutEvidence: model.controls
      .filter((c) => c.def.responsibility !== 'inherited' && c.evidence.length === 0)
      .map((c) => ({ id: c.def.id, title: c.def.title, responsibility: c.def.responsibility })),
    failingChecks: checks,
    missingRequests: requests.requests
      .filter((r) => r.standing.state === 'missing')
      .map(({ id, kind, title, controlIds }) => ({ id, kind, title, controlIds })),
    exclusions: model.controls.flatMap((c) =>
      c.exclusions.map((e) => ({ controlId: c.def.id, what: e.what, expiresOn: e.expiresOn, expired: e.expiredAsOf })),
    ),
    capturedAfterAsOf: model.evidence.filter((e) => e.flags.includes('captured_after_as_of')).map(brief),
    olderThanFreshness: model.evidence.filter((e) => e.flags.includes('older_than_freshness_window')).map(brief),
    awsReportReview: {
      signed: signed ? { by: signed.by, at: signed.at } : null,
      standing: review.standing,
      signatureProblems: review.standing.signatureProblems,
      blocking: blockingOf(review).map((p) => p.message),
      warnings: warningsOf(review).map((p) => p.message),
    },
    accessReview: access
      ? { standing: access.standing, open: accessReviewOpen(access, options.asOfDate) }
      : { standing: null, open: [] },
    integrityProblems: [
      ...recordProblems,
      ...problems.map((r) => ({
        ...brief(r.item),
        sha256: r.item.record.sha256,
        problem: r.read.integrity as Exclude<FileIntegrity, 'ok'>,
        ...(r.read.readError ? { readError: r.read.readError } : {}),
      })),
    ],
    activityChainProblem: sealed?.chain?.message ?? null,
    withdrawn: withStatus(sealed, 'withdrawn'),
    retired: withStatus(sealed, 'retired'),
    canExport: problems.length === 0 && recordProblems.length === 0 && !sealed?.chain,
  };
}
