import { RECORD_STATUSES } from '../../../shared/domain/record-status';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import {
  Manifest,
  MANIFEST_FORMAT,
  MANIFEST_VERSION,
  type ManifestAwsReportReview,
  type ManifestControl,
  type ManifestSignOff,
  type ManifestSigning,
  type ManifestSealing,
} from '../../../shared/domain/manifest';
import { shippedRecordSha256 } from '../evidence/record-seals';
import type { BundleAwsReview } from './aws-review';
import type { BundleModel } from './bundle-model';
import type { LoadedFinding } from './evidence-files';

export interface GeneratedDocument {
  path: string;
  bytes: Buffer;
}

export const sha256Hex = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

/** The review as the manifest states it: every field present, null where nothing is recorded yet. */
export function manifestAwsReview({
  review,
  problems,
  standing,
  signatureProblems,
  gapDays,
}: BundleAwsReview): ManifestAwsReportReview {
  const { report, conclusion } = review;
  // A forged sign-off counts as not signed: the manifest says draft, and signatureProblems says why.
  const signed = standing.signed ? review.signed : null;
  return {
    status: signed ? 'signed' : 'draft',
    report: {
      title: report.title,
      reportType: report.reportType,
      // A Type 1 report speaks as of one date: a period start left from editing is not shipped.
      periodStart: report.reportType === 'type1' ? null : (report.periodStart ?? null),
      periodEnd: report.periodEnd ?? null,
      issuedOn: report.issuedOn ?? null,
      serviceAuditor: report.serviceAuditor,
      opinion: report.opinion ?? null,
      categories: report.categories,
      subserviceTreatment: report.subserviceTreatment ?? null,
      file: report.file ? { name: report.file.name, sha256: report.file.sha256, bytes: report.file.bytes } : null,
    },
    services: review.services.map(({ service, inScope, note }) => ({ service, inScope, note })),
    regions: review.regions,
    exceptions: review.exceptions.map(({ id, description, awsResponse, impact, assessment }) => ({
      id,
      description,
      awsResponse,
      impact: impact ?? null,
      assessment,
    })),
    cuecs: review.cuecs.map(({ id, text, controlIds }) => ({ id, text, controlIds })),
    gapDays,
    conclusion: {
      gapCoverage: conclusion.gapCoverage ?? null,
      gapNote: conclusion.gapNote,
      reliance: conclusion.reliance ?? null,
      followUps: conclusion.followUps,
    },
    signed: signed ? { by: signed.by, at: signed.at, reportSha256: signed.reportSha256 ?? null } : null,
    signatureProblems,
    problems: problems.map(({ severity, field, message }) => ({ severity, field, message })),
  };
}

export function buildManifest(
  model: BundleModel,
  findings: Map<string, LoadedFinding[]>,
  documents: GeneratedDocument[],
  awsReview: BundleAwsReview,
  signing?: ManifestSigning,
  /** The sealed activity log the bundle ships and the records by status; absent for a store no log seals. */
  sealing?: ManifestSealing,
  signOffs: ManifestSignOff[] = [],
): Manifest {
  const { meta, options } = model;
  const controls = model.controls.map((c): ManifestControl => ({
    id: c.def.id,
    title: c.def.title,
    responsibility: c.def.responsibility,
    criteria: c.def.criteria,
    status: c.state.status,
    owner: c.owner,
    ...(options.includeNotes && c.state.notes ? { notes: c.state.notes } : {}),
    exclusions: c.exclusions.map(({ id, what, reason, approvedBy, expiresOn, expiredAsOf }) => ({
      id,
      what,
      reason,
      approvedBy,
      expiresOn,
      expiredAsOf,
    })),
    findings: (findings.get(c.def.id) ?? []).flatMap(({ evidence, finding }) =>
      finding
        ? [
            {
              checkId: finding.checkId,
              ...(evidence.record.aws ? { accountId: evidence.record.aws.accountId } : {}),
              result: finding.result,
              summary: finding.summary,
              evidenceId: evidence.record.id,
              evaluatedAt: finding.evaluatedAt,
              entityCount: finding.entities.length,
            },
          ]
        : [],
    ),
    evidenceIds: c.evidence.map((e) => e.record.id),
  }));
  // Parsing drops nothing and proves the export writes what the schema promises.
  return Manifest.parse({
    format: MANIFEST_FORMAT,
    manifestVersion: MANIFEST_VERSION,
    generatedAt: model.generatedAt,
    generator: { app: 'Audit Workbench', version: model.appVersion },
    preparedBy: model.preparedBy,
    workspace: {
      id: meta.id,
      companyName: meta.companyName,
      systemName: meta.systemName,
      auditType: meta.auditType,
      asOfDate: meta.asOfDate,
      categories: meta.categories,
      checkSettings: meta.checkSettings,
    },
    options,
    subserviceOrganizations: [
      { name: 'Amazon Web Services (AWS)', method: 'carve-out', reviewControlId: model.awsReviewControlId },
    ],
    awsReportReview: manifestAwsReview(awsReview),
    criteria: model.coverage.map((c) => ({
      id: c.criterion.id,
      status: c.status,
      controls: c.controls,
      ...(c.reason ? { reason: c.reason } : {}),
    })),
    controls,
    evidence: model.evidence.map((e) => ({
      ...e.record,
      path: e.path,
      flags: e.flags,
      recordSha256: shippedRecordSha256(e.record),
    })),
    documents: documents.map((d) => ({ path: d.path, sha256: sha256Hex(d.bytes), size: d.bytes.length })),
    ...(signing ? { signing } : {}),
    ...(signOffs.length ? { signOffs } : {}),
    scope: {
      accounts: model.scope.accounts,
      regions: model.scope.regions,
      outOfScopeEvidence: model.outOfAccountScope.map((r) => ({
        id: r.id,
        title: r.title,
        kind: r.kind,
        accountId: r.aws!.accountId,
        ...(r.checkId ? { checkId: r.checkId } : {}),
        capturedAt: r.capturedAt,
        sha256: r.sha256,
      })),
    },
    ...(sealing
      ? {
          activity: sealing.activity,
          ...Object.fromEntries(RECORD_STATUSES.map((status) => [status, sealing[status]])),
        }
      : {}),
    ...(meta.sample ? { sample: true } : {}),
  });
}

export const serializeManifest = (manifest: Manifest): Buffer =>
  Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');

/** The published JSON Schema of manifest.json, generated from the same zod schema the app validates with. */
export function manifestJsonSchema(): Buffer {
  const schema = {
    ...z.toJSONSchema(Manifest, { io: 'input', unrepresentable: 'any' }),
    $id: `https://audit-workbench.invalid/schemas/${MANIFEST_FORMAT}/v${MANIFEST_VERSION}.json`,
    title: 'Audit Workbench bundle manifest',
    description: `manifest.json of an Audit Workbench auditor bundle, version ${MANIFEST_VERSION}. The bundle fingerprint is the SHA-256 of manifest.json.`,
  };
  return Buffer.from(`${JSON.stringify(schema, null, 2)}\n`, 'utf8');
}
