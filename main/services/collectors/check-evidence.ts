import { checkById, controlsForCheck } from '../../../shared/catalog';
import type { Person } from '../../../shared/domain/common';
import type { ApiCall, AwsContext, EvidenceRecord } from '../../../shared/domain/evidence';
import { CHECK_RESULT_LABELS, type CheckEvidenceRef, type Finding } from '../../../shared/domain/findings';
import { AppError } from '../../../shared/ipc/result';
import { EVIDENCE_DIR, type EvidenceStore } from '../evidence/evidence-store';
import type { UsedSource } from './engine';

export interface RunContext {
  runId: string;
  startedAt: string;
  aws: AwsContext;
  /** The STS GetCallerIdentity (and alias) calls the run began with. */
  identityCalls: ApiCall[];
  person: Person;
  appVersion: string;
  now: () => Date;
}

export const evidencePath = (sha256: string) => `${EVIDENCE_DIR}/files/${sha256}`;

export const refOf = (r: EvidenceRecord): CheckEvidenceRef => ({
  id: r.id,
  kind: r.kind === 'findings' ? 'findings' : 'api_snapshot',
  fileName: r.fileName,
  sha256: r.sha256,
  path: evidencePath(r.sha256),
});

/**
 * The findings file: the finding's own fields (so it reads as a `Finding`) plus its provenance,
 * including the hash of every raw file.
 */
export type FindingsDocument = Finding & {
  provenance: {
    runId: string;
    checkId: string;
    account: { id: string; alias?: string };
    principalArn: string;
    region: string;
    profile?: string;
    startedAt: string;
    finishedAt: string;
    appVersion: string;
    collectedBy: Person;
    operations: ApiCall[];
    files: { evidenceId: string; fileName: string; mediaType: string; sha256: string; size: number }[];
  };
};

/**
 * Stores one check's evidence: each raw API answer it read, then its findings with provenance.
 * Files are content-addressed, so an answer several checks share is written once; each check
 * still gets its own records, linked to the controls the catalog says the check proves.
 */
export async function storeCheckEvidence(
  store: EvidenceStore,
  run: RunContext,
  checkId: string,
  finding: Finding,
  sources: UsedSource[],
): Promise<EvidenceRecord[]> {
  const controlIds = controlsForCheck(checkId).map((c) => c.id);
  if (controlIds.length === 0)
    throw new AppError(
      'INTERNAL',
      `No control in the catalog expects check ${checkId}, so its evidence would be linked to nothing.`,
    );
  const title = checkById(checkId)?.title ?? checkId;
  const capturedAt = run.now().toISOString();
  const common = {
    controlIds,
    checkId,
    runId: run.runId,
    aws: run.aws,
    capturedAt,
    effectiveDate: capturedAt.slice(0, 10),
    capturedBy: run.person,
  };
  const raw: EvidenceRecord[] = [];
  for (const { result, region } of sources) {
    for (const file of result.files) {
      raw.push(
        await store.addBytes(file.content, {
          ...common,
          // A regional answer names the region it was read in.
          aws: { ...run.aws, region },
          title: `${title}: ${file.title}`,
          kind: 'api_snapshot',
          mediaType: file.mediaType,
          fileName: file.fileName,
          source: { type: 'aws_api', calls: result.calls },
          ...(file.meta ? { meta: file.meta } : {}),
        }),
      );
    }
  }
  const doc: FindingsDocument = {
    ...finding,
    provenance: {
      runId: run.runId,
      checkId,
      account: { id: run.aws.accountId, ...(run.aws.accountAlias ? { alias: run.aws.accountAlias } : {}) },
      principalArn: run.aws.principalArn,
      region: run.aws.region,
      ...(run.aws.profile ? { profile: run.aws.profile } : {}),
      startedAt: run.startedAt,
      finishedAt: capturedAt,
      appVersion: run.appVersion,
      collectedBy: run.person,
      operations: [...run.identityCalls, ...sources.flatMap((s) => s.result.calls)],
      files: raw.map((r) => ({
        evidenceId: r.id,
        fileName: r.fileName,
        mediaType: r.mediaType,
        sha256: r.sha256,
        size: r.size,
      })),
    },
  };
  const findings = await store.addBytes(`${JSON.stringify(doc, null, 2)}\n`, {
    ...common,
    title: `${title}: ${CHECK_RESULT_LABELS[finding.result]}`,
    kind: 'findings',
    mediaType: 'application/json',
    fileName: `${checkId}-findings.json`,
    source: { type: 'derived', from: raw.map((r) => r.id), rule: finding.rule },
    meta: {
      result: finding.result,
      summary: finding.summary,
      limits: finding.limits,
      entityCount: finding.entities.length,
    },
  });
  return [...raw, findings];
}
