import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Person } from '../../shared/domain/common';
import { Category } from '../../shared/domain/workspace';
import { IsoDate } from '../../shared/domain/common';
import { EvidenceStore } from '../services/evidence/evidence-store';
import { resolveOptions, type ExportSource } from '../services/export/bundle-model';
import { bundleSigner, type BundleSigner } from '../services/export/bundle-signature';
import { SignOffKeys } from '../services/reviews/sign-off-keys';
import { exportBundle, type ExportProgress } from '../services/export/export-bundle';
import { SshSigning } from '../services/signing/ssh-signing';
import { formatBytes } from '../../shared/util/format-bytes';
import { loadWorkspaceState, workspaceDocuments } from '../services/workspace/workspace-documents';
import { ActivityLog } from '../services/workspace/activity-log';
import { type CliIo, UsageError, reportError } from './output';
import packageJson from '../../package.json';

/**
 * Reads a workspace without opening it for writing: no lock, no activity entry, nothing
 * migrated on disk. Export only reads, so it also works while the app has the workspace open.
 */
export async function readOnlyWorkspace(folder: string): Promise<ExportSource> {
  const root = resolve(folder);
  const docs = workspaceDocuments(root);
  if (!(await docs.meta.exists())) {
    throw new UsageError(`${root} does not hold an Audit Workbench workspace (no workspace.json).`);
  }
  return {
    root,
    // As the app opens it (a document added after the workspace was made is its default), without a lock.
    ...(await loadWorkspaceState(docs)),
    // Checked against the sealed log, read only: nothing is repaired or appended by an export.
    evidence: new EvidenceStore(root, {
      appVersion: packageJson.version,
      now: () => new Date(),
      log: new ActivityLog(root),
    }),
  };
}

function parseOption<T>(
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } },
  value: string,
  what: string,
): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new UsageError(`${what} "${value}" is not valid.`);
  return parsed.data;
}

/** `Name <email>`: who prepared the bundle, shown on its cover. */
function preparedBy(text: string): Person {
  const m = /^(.*?)\s*<([^>]+)>$/.exec(text.trim());
  return parseOption(Person, (m ? { name: m[1], email: m[2] } : {}) as never, '--as');
}

function progressPrinter(io: CliIo) {
  let lastStep = '';
  let lastTenth = -1;
  return (p: ExportProgress) => {
    const tenth = p.bytesTotal ? Math.floor((p.bytesDone / p.bytesTotal) * 10) : 10;
    if (p.step === lastStep && (p.step !== 'evidence' || tenth === lastTenth)) return;
    lastStep = p.step;
    lastTenth = tenth;
    const detail =
      p.step === 'evidence'
        ? ` ${p.filesDone}/${p.filesTotal} files, ${formatBytes(p.bytesDone)} of ${formatBytes(p.bytesTotal)}`
        : '';
    io.err(`[${p.step}]${detail}`);
  };
}

/**
 * `--sign-key FILE` signs with a private key file ssh-keygen reads; `--sign-agent` with the
 * agent's key (`--sign-fingerprint SHA256:…` picks one when the agent holds several).
 */
async function signerFor(
  values: { 'sign-key'?: string; 'sign-agent'?: boolean; 'sign-fingerprint'?: string },
  signing: SshSigning,
): Promise<BundleSigner | undefined> {
  if (values['sign-key'] && values['sign-agent'])
    throw new UsageError('Give either --sign-key FILE or --sign-agent, not both.');
  if (values['sign-fingerprint'] && !values['sign-agent'])
    throw new UsageError('--sign-fingerprint chooses an agent key: add --sign-agent.');
  if (values['sign-key']) return bundleSigner(signing, { source: 'file', path: resolve(values['sign-key']) });
  if (!values['sign-agent']) return undefined;
  const { keys, problem } = await signing.agentKeys();
  if (keys.length === 0) throw new UsageError(`Cannot sign with the agent: ${problem}`);
  const wanted = values['sign-fingerprint'];
  const matching = wanted ? keys.filter((k) => k.fingerprint === wanted) : keys;
  if (matching.length !== 1) {
    const list = keys.map((k) => `  ${k.fingerprint} ${k.type} ${k.comment}`).join('\n');
    throw new UsageError(
      wanted
        ? `ssh-agent holds no key ${wanted}. It holds:\n${list}`
        : `ssh-agent holds ${keys.length} keys; choose one with --sign-fingerprint:\n${list}`,
    );
  }
  return bundleSigner(signing, { source: 'agent', publicKey: matching[0]!.line });
}

/**
 * `export --workspace DIR --out FILE.zip [--as-of YYYY-MM-DD] [--categories a,b] [--no-notes]
 * [--freshness-days N] [--as "Name <email>"] [--sign-key FILE | --sign-agent [--sign-fingerprint SHA256:…]] [--json]`. Exit 0 when the bundle was written and
 * verified; 1 when it was not (nothing is left under FILE.zip); 130 when interrupted.
 */
export async function exportCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      workspace: { type: 'string' },
      out: { type: 'string' },
      'as-of': { type: 'string' },
      categories: { type: 'string' },
      'no-notes': { type: 'boolean', default: false },
      'freshness-days': { type: 'string' },
      as: { type: 'string' },
      'sign-key': { type: 'string' },
      'sign-agent': { type: 'boolean', default: false },
      'sign-fingerprint': { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  if (!values.workspace) throw new UsageError('export needs --workspace DIR.');
  if (!values.out) throw new UsageError('export needs --out FILE.zip.');
  const asOfDate = values['as-of'] === undefined ? undefined : parseOption(IsoDate, values['as-of'], '--as-of');
  const categories = values.categories?.split(',').map((c) => parseOption(Category, c.trim(), 'Category'));
  const freshnessDays = values['freshness-days'] === undefined ? undefined : Number(values['freshness-days']);
  if (freshnessDays !== undefined && !(Number.isInteger(freshnessDays) && freshnessDays > 0))
    throw new UsageError('--freshness-days must be a whole number of days.');
  const json = !!values.json;

  const controller = new AbortController();
  const interrupt = () => controller.abort(new Error('interrupted'));
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  try {
    const source = await readOnlyWorkspace(values.workspace);
    const outside = categories?.filter((c) => !source.meta.categories.includes(c)) ?? [];
    if (outside.length > 0) {
      throw new UsageError(
        `The workspace's scope does not include ${outside.join(', ')}; it covers ${source.meta.categories.join(', ')}. Leave ${outside.length === 1 ? 'it' : 'them'} out of --categories.`,
      );
    }
    if (!values.as)
      io.err(
        `Prepared by ${source.meta.createdBy.name} <${source.meta.createdBy.email}>, the workspace's creator; name yourself with --as "Name <email>".`,
      );
    const ssh = new SshSigning();
    const signer = await signerFor(values, ssh);
    const result = await exportBundle(source, {
      signer,
      signOffKeys: new SignOffKeys(ssh),
      outPath: values.out,
      options: resolveOptions(source.meta, { asOfDate, categories, freshnessDays, includeNotes: !values['no-notes'] }),
      preparedBy: values.as ? preparedBy(values.as) : source.meta.createdBy,
      appVersion: packageJson.version,
      now: () => new Date(),
      signal: controller.signal,
      onProgress: json ? undefined : progressPrinter(io),
    });
    if (json) io.out(JSON.stringify(result, null, 2));
    else {
      io.out(
        `Wrote ${result.path}: ${result.files} files (${result.evidenceFiles} evidence), ${formatBytes(result.zipBytes)}, in ${(result.durationMs / 1000).toFixed(1)} s.`,
      );
      io.out(`Bundle fingerprint (SHA-256 of manifest.json): ${result.fingerprint}`);
      io.out(`Bundle seal (SHA-256 of SHA256SUMS): ${result.seal}`);
      if (result.signature)
        io.out(
          `Signed as ${result.signature.principal} with ${result.signature.keyType} key ${result.signature.fingerprint}: tell the auditor this fingerprint through a separate channel too.`,
        );
      io.out(
        'Send the seal to the auditor separately from the bundle; "verify FILE.zip --seal SEAL" proves a copy is exactly this bundle.',
      );
    }
    return 0;
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const code = reportError(e, io, json);
    return controller.signal.aborted ? 130 : code;
  } finally {
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
  }
}
