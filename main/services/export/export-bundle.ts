import { promises as fs } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import type { Person } from '../../../shared/domain/common';
import { CONTROLS } from '../../../shared/catalog';
import { AppError, isAppError } from '../../../shared/ipc/result';
import { integrityError } from '../evidence/evidence-store';
import { unreadableError } from '../evidence/evidence-reader';
import { recordChecker, type WorkspaceIntegrity } from '../evidence/record-checks';
import { bundleAwsReview } from './aws-review';
import { buildModel, type ExportOptions, type ExportSource } from './bundle-model';
import type { BundleContent } from './content';
import { controlsCsv, cuecsCsv, evidenceCsv } from './csv';
import { bundleRequests, requestRows, requestsCsv, requestsXlsx } from './requests-files';
import { bundleAccessReview, storedReviewOf } from './access-review-bundle';
import { decisionsCsv } from '../access-reviews/decisions-csv';
import { loadFindings } from './evidence-files';
import { renderHtml } from './html';
import { allowedSignersText, manifestSigning, type BundleSigner } from './bundle-signature';
import { signingPrincipal } from '../signing/allowed-signers';
import type { SignOffKeys } from '../reviews/sign-off-keys';
import { signOffVerdicts } from './sign-off-verdicts';
import { signOffFiles, signOffSummaries } from './sign-off-files';
import { ADDED_BUNDLE_FILES, BUNDLE_FILES, MAX_BUNDLE_EVIDENCE, SIGNATURE_FILES, compressionLevelFor } from './layout';
import { buildManifest, manifestJsonSchema, serializeManifest, sha256Hex, type GeneratedDocument } from './manifest';
import type { ManifestSealing, ManifestStatusChange } from '../../../shared/domain/manifest';
import { RECORD_STATUSES } from '../../../shared/domain/record-status';
import { renderPdfInChild } from './pdf/render-in-child';
import { bundleTempPath, removeStaleBundleTemps } from './bundle-temp';
import { readmeText } from './readme';
import { formatSums, type SumLine } from './sha256sums';
import { buildThumbnails } from './thumbnails';
import { verifyBundle } from './verify';
import { BundleZipWriter } from './zip-writer';

export type ExportStep = 'preparing' | 'documents' | 'evidence' | 'verifying';

export interface ExportProgress {
  step: ExportStep;
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  bytesTotal: number;
}

export interface ExportResult {
  path: string;
  fingerprint: string;
  /** SHA-256 of SHA256SUMS, which lists every other file: the whole bundle in one hash. */
  seal: string;
  /** Files inside the ZIP. */
  files: number;
  evidenceFiles: number;
  /** Size of the ZIP on disk. */
  zipBytes: number;
  durationMs: number;
  /** Who signed SHA256SUMS with which key; null for an unsigned bundle. */
  signature: { principal: string; keyType: string; fingerprint: string } | null;
}

export interface ExportRun {
  outPath: string;
  options: ExportOptions;
  preparedBy: Person;
  appVersion: string;
  now: () => Date;
  signal?: AbortSignal;
  onProgress?: (progress: ExportProgress) => void;
  /** Signs SHA256SUMS with the preparer's SSH key (see bundle-signature.ts); unsigned without it. */
  signer?: BundleSigner;
  /** Checks each sign-off's SSH signature again for this bundle. */
  signOffKeys: SignOffKeys;
  /** Told the names of what killed exports to the same target left beside it, once removed. */
  onLeftoversRemoved?: (names: string[]) => void;
}

/** Refuses targets that would put the bundle inside the workspace or somewhere it cannot be written. */
async function checkTarget(source: ExportSource, outPath: string): Promise<string> {
  const target = resolve(outPath);
  if (!target.toLowerCase().endsWith('.zip')) {
    throw new AppError('INVALID_INPUT', `The bundle must be a .zip file; ${target} is not.`, {
      hint: 'Choose a file name ending in .zip.',
    });
  }
  const inside = relative(resolve(source.root), target);
  if (!inside.startsWith('..') && !inside.startsWith(sep) && inside !== target) {
    throw new AppError(
      'INVALID_INPUT',
      `${target} is inside the workspace folder; the export never writes into the workspace.`,
      {
        hint: 'Choose a folder outside the workspace, for example the folder that contains it.',
      },
    );
  }
  const stat = await fs.stat(dirname(target)).catch(() => null);
  if (!stat?.isDirectory()) {
    throw new AppError('INVALID_INPUT', `The folder ${dirname(target)} does not exist.`, {
      hint: 'Create the folder first, or choose another one.',
    });
  }
  return target;
}

function failure(error: unknown, target: string, signal?: AbortSignal): AppError {
  if (signal?.aborted)
    return new AppError('CANCELLED', 'The export was cancelled; no bundle was written.', {
      hint: 'Start it again when you are ready.',
    });
  if (isAppError(error)) return error;
  const code = (error as NodeJS.ErrnoException)?.code;
  const where = dirname(target);
  const known: Record<string, string> = {
    ENOSPC: `The disk holding ${where} is full`,
    EDQUOT: `The disk quota for ${where} is used up`,
    EACCES: `The workbench may not write to ${where}`,
    EPERM: `The workbench may not write to ${where}`,
    EROFS: `${where} is on a read-only disk`,
  };
  const reason = (code && known[code]) ?? `Writing the bundle failed (${(error as Error)?.message ?? String(error)})`;
  return new AppError('EXPORT_FAILED', `${reason}; no bundle was written and the workspace is unchanged.`, {
    hint:
      code === 'ENOSPC' || code === 'EDQUOT'
        ? 'Free some space or choose another disk, then export again.'
        : 'Choose another folder, or try again.',
    details: { errno: code },
    cause: error,
  });
}

/**
 * Refuses a log whose chain no longer holds and any record that is Tampered, Damaged or Missing
 * (and not withdrawn), naming it and what to do; answers the checked log and records (null for
 * a store no log seals).
 */
async function refuseUnsealed(source: ExportSource): Promise<WorkspaceIntegrity | null> {
  const sealed = await recordChecker(source.evidence as object)?.check();
  if (!sealed) return null;
  if (sealed.chain) {
    throw new AppError(
      'EVIDENCE_TAMPERED',
      `The activity log no longer matches its hash chain: ${sealed.chain.message}`,
      {
        hint: 'Restore activity.jsonl and activity.head.json from a backup of the workspace. The provenance of every record rests on this log, so the export refuses it as it is.',
        details: { line: sealed.chain.line, kind: sealed.chain.kind },
      },
    );
  }
  const first = sealed.problems[0];
  if (first) {
    const title = first.record ? `"${first.record.title}" (${first.id})` : first.id;
    throw new AppError(
      first.state === 'missing'
        ? 'EVIDENCE_MISSING'
        : first.state === 'damaged'
          ? 'EVIDENCE_UNREADABLE'
          : 'EVIDENCE_TAMPERED',
      `Evidence ${title} is ${first.state === 'tampered' ? 'Tampered' : first.state === 'damaged' ? 'Damaged' : 'Missing'}: ${first.message}${sealed.problems.length > 1 ? ` (${sealed.problems.length - 1} more record${sealed.problems.length > 2 ? 's' : ''} too; the pre-flight lists them)` : ''}`,
      {
        hint: 'Restore the record from a backup of the workspace, or withdraw it on the Evidence screen with a reason: a withdrawn record stays in the workspace, is left out of the bundle and is listed in its manifest as withdrawn.',
        details: { evidenceId: first.id, state: first.state, ...(first.field ? { field: first.field } : {}) },
      },
    );
  }
  return sealed;
}

/**
 * What the bundle carries of the seal: the whole log (a hash chain is only recomputed over every
 * line, so shipping a part would leave its links unverifiable), its head, and the withdrawn records.
 */
function bundleSealing(sealed: WorkspaceIntegrity | null): (ManifestSealing & { text: Buffer }) | null {
  const head = sealed?.reading.head;
  if (!sealed || !head) return null;
  const changes = [...sealed.index.status].map(([id, change]) => {
    const seal = sealed.index.seals.get(id);
    const title = seal?.record?.title;
    const entry: ManifestStatusChange = {
      id,
      title: typeof title === 'string' ? title : null,
      recordSha256: seal?.recordSha256 ?? null,
      reason: change.reason,
      by: change.by,
      at: change.at,
      line: change.line,
    };
    return { status: change.status, entry };
  });
  const byStatus = Object.fromEntries(
    RECORD_STATUSES.map((status) => [status, changes.filter((c) => c.status === status).map((c) => c.entry)]),
  ) as Record<(typeof RECORD_STATUSES)[number], ManifestStatusChange[]>;
  return {
    text: Buffer.from(sealed.reading.text, 'utf8'),
    activity: { path: ADDED_BUNDLE_FILES.activityLog, lines: head.lines, sha256: head.sha256 },
    ...byStatus,
  };
}

/**
 * Builds the auditor bundle: documents first (they only need the records' recorded hashes),
 * then every evidence file streamed in and hash-checked on the way, then SHA256SUMS. The ZIP
 * is verified in full before it gets its final name.
 */
export async function exportBundle(source: ExportSource, run: ExportRun): Promise<ExportResult> {
  const started = Date.now();
  const target = await checkTarget(source, run.outPath);
  const leftovers = await removeStaleBundleTemps(target);
  if (leftovers.length > 0) run.onLeftoversRemoved?.(leftovers);
  const progress: ExportProgress = { step: 'preparing', filesDone: 0, filesTotal: 0, bytesDone: 0, bytesTotal: 0 };
  const report = (step: ExportStep) => run.onProgress?.({ ...progress, step });
  report('preparing');
  const signing = run.signer ? manifestSigning(signingPrincipal(run.preparedBy.email), run.signer.key) : undefined;

  const generatedAt = run.now();
  const sealed = await refuseUnsealed(source);
  const sealing = bundleSealing(sealed);
  const setAside = new Set(sealed?.index.status.keys());
  // Withdrawn and retired records are kept in the workspace and never shipped.
  // A view of the source (its getters intact) whose evidence list leaves them out.
  const shipped: ExportSource = Object.assign(Object.create(source) as ExportSource, {
    evidence: {
      list: async () => (await source.evidence.list()).filter((r) => !setAside.has(r.id)),
      filePath: (sha: string) => source.evidence.filePath(sha),
      verify: (r: Parameters<ExportSource['evidence']['verify']>[0]) => source.evidence.verify(r),
    },
  });
  const model = await buildModel(shipped, run.options, {
    preparedBy: run.preparedBy,
    generatedAt: generatedAt.toISOString(),
    appVersion: run.appVersion,
    signOffs: await signOffVerdicts(source, run.signOffKeys),
  });
  if (model.evidence.length > MAX_BUNDLE_EVIDENCE) {
    // verify refuses a ZIP with more entries unread (see layout.ts), so the export never writes one.
    throw new AppError(
      'EXPORT_FAILED',
      `This export would carry ${model.evidence.length} evidence files; a bundle carries at most ${MAX_BUNDLE_EVIDENCE}.`,
      { hint: 'Export fewer categories at a time, or retire evidence the auditor does not need.' },
    );
  }
  const awsReview = bundleAwsReview(source.awsReportReview, model, source.catalog ?? CONTROLS);
  progress.filesTotal =
    model.evidence.length +
    Object.keys(BUNDLE_FILES).length +
    Object.keys(ADDED_BUNDLE_FILES).length +
    (signing ? Object.keys(SIGNATURE_FILES).length : 0);
  progress.bytesTotal = model.evidence.reduce((sum, e) => sum + e.record.size, 0);
  let writer: BundleZipWriter | null = null;
  try {
    const findings = await loadFindings(model, source);
    run.signal?.throwIfAborted();
    const thumbnails = await buildThumbnails(model, source, run.signal);
    report('documents');
    const requests = source.requests?.requests.length ? requestRows(source.requests, source.team, model) : null;
    const accessReview = bundleAccessReview(source.accessReviews, source.team, model);
    const signOffs = signOffFiles(source, awsReview, accessReview);
    const data: (GeneratedDocument & { mediaType: string })[] = [
      { path: BUNDLE_FILES.controlsCsv, bytes: controlsCsv(model, findings), mediaType: 'text/csv' },
      { path: BUNDLE_FILES.evidenceCsv, bytes: evidenceCsv(model), mediaType: 'text/csv' },
      { path: ADDED_BUNDLE_FILES.cuecsCsv, bytes: cuecsCsv(awsReview), mediaType: 'text/csv' },
      ...(requests
        ? [
            { path: ADDED_BUNDLE_FILES.requestsCsv, bytes: requestsCsv(requests), mediaType: 'text/csv' },
            {
              path: ADDED_BUNDLE_FILES.requestsXlsx,
              bytes: await requestsXlsx(requests, generatedAt),
              mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
            },
          ]
        : []),
      ...(accessReview
        ? [
            {
              path: ADDED_BUNDLE_FILES.accessReviewDecisionsCsv,
              bytes: decisionsCsv(storedReviewOf(source.accessReviews, accessReview)!, source.team.members),
              mediaType: 'text/csv',
            },
          ]
        : []),
      ...(sealing ? [{ path: sealing.activity.path, bytes: sealing.text, mediaType: 'text/plain' }] : []),
      ...signOffs.files,
    ];
    const manifest = serializeManifest(
      buildManifest(model, findings, data, awsReview, signing, sealing ?? undefined, signOffs.entries),
    );
    const content: BundleContent = {
      model,
      findings,
      thumbnails,
      awsReview,
      fingerprint: sha256Hex(manifest),
      ...(requests && source.requests ? { requests: bundleRequests(source.requests, source.team, model) } : {}),
      ...(accessReview ? { accessReview } : {}),
    };
    const pdf = await renderPdfInChild(content, bundleTempPath(target, 'pdf-parts'), run.signal);
    run.signal?.throwIfAborted();
    const documents: (GeneratedDocument & { mediaType: string })[] = [
      {
        path: BUNDLE_FILES.readme,
        bytes: readmeText(model, content.fingerprint, signing, sealing ?? undefined, {
          entries: signOffs.entries,
          summaries: signOffSummaries(awsReview, accessReview),
        }),
        mediaType: 'text/plain',
      },
      { path: BUNDLE_FILES.pdf, bytes: pdf, mediaType: 'application/pdf' },
      { path: BUNDLE_FILES.html, bytes: renderHtml(content), mediaType: 'text/html' },
      ...data,
      { path: BUNDLE_FILES.manifest, bytes: manifest, mediaType: 'application/json' },
      { path: BUNDLE_FILES.manifestSchema, bytes: manifestJsonSchema(), mediaType: 'application/json' },
      ...(signing
        ? [{ path: SIGNATURE_FILES.allowedSigners, bytes: allowedSignersText(signing), mediaType: 'text/plain' }]
        : []),
    ];

    writer = new BundleZipWriter(target, {
      mtime: generatedAt,
      signal: run.signal,
      onBytes: (n) => {
        progress.bytesDone += n;
        report('evidence');
      },
      onFileDone: () => {
        progress.filesDone++;
      },
    });
    // SHA256SUMS lists the hashes recorded at capture, so it is complete before any evidence is
    // streamed; the writer refuses a file that no longer matches its line.
    const sums: SumLine[] = [
      ...documents.map((doc) => ({ sha256: sha256Hex(doc.bytes), path: doc.path })),
      ...model.evidence.map((item) => ({ sha256: item.record.sha256, path: item.path })),
    ];
    const sumsBytes = formatSums(sums);
    // Signed before the ZIP is opened: an agent that refuses, or a key that is gone, leaves nothing to clean up.
    const signature = run.signer ? Buffer.from(await run.signer.sign(sumsBytes), 'utf8') : null;
    run.signal?.throwIfAborted();
    await writer.open();
    for (const doc of documents) {
      writer.addBuffer(doc.path, doc.bytes, compressionLevelFor(doc.mediaType));
      progress.filesDone++;
    }
    for (const item of model.evidence) {
      writer.addFile({
        name: item.path,
        path: source.evidence.filePath(item.record.sha256),
        size: item.record.size,
        sha256: item.record.sha256,
        compressionLevel: compressionLevelFor(item.record.mediaType),
        onIntegrityFailure: (problem, readError) =>
          problem === 'unreadable'
            ? unreadableError(item.record, readError ?? 'unknown error')
            : integrityError(item.record, problem),
      });
    }
    writer.addBuffer(BUNDLE_FILES.sums, sumsBytes, 6);
    if (signature) writer.addBuffer(SIGNATURE_FILES.signature, signature, 6);
    await writer.finish();
    progress.filesDone = progress.filesTotal;

    report('verifying');
    const check = await verifyBundle(writer.tempPath, { signal: run.signal });
    if (!check.ok) {
      throw new AppError(
        'EXPORT_FAILED',
        `The written bundle did not verify: ${check.problems.slice(0, 3).join(' ')}`,
        {
          hint: 'Nothing was kept under the final name. Try again; if it happens again, check the disk.',
          details: { problems: check.problems.slice(0, 20) },
        },
      );
    }
    run.signal?.throwIfAborted();
    await writer.commit();
    const zipBytes = (await fs.stat(target)).size;
    return {
      path: target,
      fingerprint: content.fingerprint,
      seal: sha256Hex(sumsBytes),
      files: check.files,
      evidenceFiles: model.evidence.length,
      zipBytes,
      durationMs: Date.now() - started,
      signature: signing
        ? { principal: signing.principal, keyType: signing.keyType, fingerprint: signing.fingerprint }
        : null,
    };
  } catch (error) {
    await writer?.discard();
    throw failure(error, target, run.signal);
  }
}
