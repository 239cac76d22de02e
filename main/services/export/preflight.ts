import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { CONTROL_STATUSES, type ControlStatus } from '../../../shared/domain/control-state';
import type { EvidenceIntegrity, EvidenceKind } from '../../../shared/domain/evidence';
import { Finding, type CheckResult } from '../../../shared/domain/findings';
import type { Person } from '../../../shared/domain/common';
import type { PreflightReport } from '../../../shared/ipc/channels/export';
import { EVIDENCE_DIR } from '../evidence/evidence-store';
import { CONTROLS } from '../../../shared/catalog';
import { blockingOf, bundleAwsReview, warningsOf } from './aws-review';
import { buildModel, type ExportOptions, type ExportSource, type ModelEvidence } from './bundle-model';
import { latestFindings } from './evidence-files';
import { mapLimit } from '../map-limit';

const CONCURRENCY = 4;

function parseOrNull(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Record files the evidence store could not read (it skips them); the pre-flight says so. */
async function unreadableRecords(source: ExportSource, readable: number): Promise<number> {
  const names = await fs.readdir(join(source.root, EVIDENCE_DIR, 'records')).catch(() => [] as string[]);
  return Math.max(0, names.filter((n) => n.endsWith('.json')).length - readable);
}

/**
 * What the export would contain and what deserves attention first. It re-hashes every
 * evidence file, so a tampered or missing file shows here before the export refuses it.
 */
export async function preflight(
  source: ExportSource,
  options: ExportOptions,
  context: { preparedBy: Person; now: Date; appVersion: string },
  signal?: AbortSignal,
): Promise<PreflightReport> {
  const model = await buildModel(source, options, {
    preparedBy: context.preparedBy,
    generatedAt: context.now.toISOString(),
    appVersion: context.appVersion,
  });
  const integrity = await mapLimit(model.evidence, CONCURRENCY, async (item) => {
    signal?.throwIfAborted();
    return { item, integrity: await source.evidence.verify(item.record) };
  });
  const state = new Map<string, EvidenceIntegrity>(integrity.map((r) => [r.item.record.id, r.integrity]));

  const checks: PreflightReport['failingChecks'] = [];
  for (const [controlId, items] of latestFindings(model)) {
    for (const item of items) {
      if (state.get(item.record.id) !== 'ok') continue;
      const text = await fs.readFile(source.evidence.filePath(item.record.sha256), 'utf8').catch(() => 'null');
      const parsed = Finding.safeParse(parseOrNull(text));
      if (!parsed.success) continue;
      const result: CheckResult = parsed.data.result;
      if (result === 'fail' || result === 'error' || result === 'needs_review') {
        checks.push({
          controlId,
          checkId: parsed.data.checkId,
          result,
          summary: parsed.data.summary,
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
  const problems = integrity.filter((r) => r.integrity !== 'ok');
  const review = bundleAwsReview(source.awsReportReview, model, source.catalog ?? CONTROLS);
  const signed = review.review.signed;

  return {
    options,
    controls: { total: model.controls.length, byStatus },
    evidence: {
      total: model.evidence.length,
      bytes: model.evidence.reduce((sum, e) => sum + e.record.size, 0),
      byKind,
      outOfScope: model.outOfScope.length,
      unreadableRecords: await unreadableRecords(source, model.evidence.length + model.outOfScope.length),
    },
    controlsWithoutEvidence: model.controls
      .filter((c) => c.def.responsibility !== 'inherited' && c.evidence.length === 0)
      .map((c) => ({ id: c.def.id, title: c.def.title, responsibility: c.def.responsibility })),
    failingChecks: checks,
    exclusions: model.controls.flatMap((c) =>
      c.exclusions.map((e) => ({ controlId: c.def.id, what: e.what, expiresOn: e.expiresOn, expired: e.expiredAsOf })),
    ),
    capturedAfterAsOf: model.evidence.filter((e) => e.flags.includes('captured_after_as_of')).map(brief),
    olderThanFreshness: model.evidence.filter((e) => e.flags.includes('older_than_freshness_window')).map(brief),
    awsReportReview: {
      signed: signed ? { by: signed.by, at: signed.at } : null,
      signatureProblems: review.signatureProblems,
      blocking: blockingOf(review).map((p) => p.message),
      warnings: warningsOf(review).map((p) => p.message),
    },
    integrityProblems: problems.map((r) => ({
      ...brief(r.item),
      sha256: r.item.record.sha256,
      problem: r.integrity as Exclude<EvidenceIntegrity, 'ok'>,
    })),
    canExport: problems.length === 0,
  };
}
