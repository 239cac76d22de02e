import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { promisify } from 'node:util';
import type { Readable } from 'node:stream';
import { crc32, createInflateRaw } from 'node:zlib';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { Manifest } from '../../../shared/domain/manifest';
import { SAMPLE_MARK } from '../../../shared/domain/workspace';
import type { VerifyReportView } from '../../../shared/ipc/channels/export';
import { SshSigning } from '../signing/ssh-signing';
import { ADDED_BUNDLE_FILES, BUNDLE_FILES, MAX_BUNDLE_ENTRIES, SIGNATURE_FILES, SIGN_OFF_FOLDER } from './layout';
import { parseSums } from './sha256sums';
import { inspectEntries } from './verify-entries';
import { checkLayout } from './verify-layout';
import { checkBundleChain } from './verify-chain';
import { checkBundleSignature } from './verify-signature';
import { checkSignOffs } from './verify-sign-offs';
import { formatBytes } from '../../../shared/util/format-bytes';
import { safeLine } from '../security/safe-text';
import { KIND_WORDS, kindOf } from '../storage/workspace-files';

/** What verify found; the same shape crosses IPC and is printed by the CLI. */
export type VerifyReport = VerifyReportView;

const REQUIRED = Object.values(BUNDLE_FILES);
/**
 * The files read into memory for the cross-checks. No export writes one anywhere near this big,
 * so a bigger one is refused, never skipped.
 */
export const MAX_DOCUMENT_BYTES = 256 * 1024 * 1024;
const KEEP = new Set<string>([
  BUNDLE_FILES.sums,
  BUNDLE_FILES.manifest,
  BUNDLE_FILES.readme,
  BUNDLE_FILES.html,
  ADDED_BUNDLE_FILES.activityLog,
  ...Object.values(SIGNATURE_FILES),
]);

/** Read into memory too: the sign-offs' statements, signatures, contents and allowed_signers. */
const keptInMemory = (name: string) => KEEP.has(name) || name.startsWith(`${SIGN_OFF_FOLDER}/`);

const openZip = promisify<string, yauzl.Options, ZipFile>(yauzl.open);

function readEntries(zip: ZipFile): Promise<Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: Entry[] = [];
    zip.on('entry', (entry: Entry) => {
      entries.push(entry);
      zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.on('error', reject);
    zip.readEntry();
  });
}

const STORED = 0;
const DEFLATED = 8;

/**
 * Hashes one entry as it streams (SHA-256 and the ZIP's own CRC-32); never writes it anywhere.
 * It inflates the entry itself rather than through yauzl to learn where the deflate stream
 * ends: bytes after it inside the entry (`trailing`) are skipped by every inflater, yet a
 * streaming unzip tool reads them as whatever follows the entry.
 */
async function digestEntry(
  zip: ZipFile,
  entry: Entry,
  keep: boolean,
  onBytes: (n: number) => void,
  signal?: AbortSignal,
) {
  const method = entry.compressionMethod;
  if (method !== STORED && method !== DEFLATED) throw new Error(`unsupported compression method ${method}`);
  const raw = await new Promise<Readable>((resolve, reject) =>
    zip.openReadStream(entry, method === DEFLATED ? { decompress: false } : {}, (error, s) =>
      error ? reject(error) : resolve(s),
    ),
  );
  const inflater = method === DEFLATED ? createInflateRaw() : null;
  if (inflater) raw.on('error', (error) => inflater.destroy(error));
  const stream = inflater ? raw.pipe(inflater) : raw;
  const hash = createHash('sha256');
  let crc = 0;
  let size = 0;
  const chunks: Buffer[] = [];
  const limit = entry.uncompressedSize;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      signal?.throwIfAborted();
      if (size + chunk.length > limit) {
        // Stop at the first byte beyond the stated size: a small entry that inflates to gigabytes
        // costs one chunk, never the gigabytes (the streams are destroyed below).
        throw new Error(
          `it inflates to more than the ${limit} bytes the ZIP states (reading stopped at ${size + chunk.length} bytes)`,
        );
      }
      hash.update(chunk);
      crc = crc32(chunk, crc);
      size += chunk.length;
      onBytes(chunk.length);
      if (keep) chunks.push(chunk);
    }
  } catch (error) {
    // A cancel or a failure mid-entry: the ZIP's file stays open while any read stream of it does.
    raw.destroy();
    inflater?.destroy();
    throw error;
  }
  if (size !== entry.uncompressedSize)
    throw new Error(`it holds ${size} bytes, not the ${entry.uncompressedSize} the ZIP states`);
  const trailing = inflater ? entry.compressedSize - inflater.bytesWritten : 0;
  return {
    sha256: hash.digest('hex'),
    crcOk: crc >>> 0 === entry.crc32 >>> 0,
    bytes: keep ? Buffer.concat(chunks) : null,
    trailing,
  };
}

/**
 * How far verify is: entries and bytes hashed. `bytesTotal` starts as every entry's stated size and
 * shrinks to what manifest.json lets it read, so the share done only grows; the last call has
 * `bytesDone === bytesTotal`.
 */
export interface VerifyProgress {
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  bytesTotal: number;
}

/** The sentence the window and the CLI show while verify runs. */
export const verifyProgressMessage = (p: VerifyProgress) =>
  `Checking ${p.filesDone} of ${p.filesTotal} files, ${formatBytes(p.bytesDone)} of ${formatBytes(p.bytesTotal)}`;

export interface VerifyOptions {
  /** Stops the hashing promptly; verify then rejects with the signal's reason. */
  signal?: AbortSignal;
  onProgress?: (progress: VerifyProgress) => void;
  /** The seal the sender gave (SHA-256 of SHA256SUMS): proves this is the bundle that was sent. */
  expectedSeal?: string;
  /** The largest manifest.json, SHA256SUMS, README.txt or index.html read; tests lower it. */
  maxDocumentBytes?: number;
  /** Runs ssh-keygen for a signed bundle's signature. */
  signing?: SshSigning;
}

/**
 * Checks a bundle without extracting it: ZIP structure, entry names and types, each entry's
 * CRC-32, every line of SHA256SUMS, that SHA256SUMS covers every file, that manifest.json
 * validates and matches the evidence files and documents it lists, that the bundle holds
 * exactly the files an export writes, the activity log's hash chain and every record's hash
 * against the line that sealed it, and, when given, the seal.
 */
export async function verifyBundle(path: string, options: VerifyOptions = {}): Promise<VerifyReport> {
  const report = await inspectBundle(path, options);
  // Entry names and file contents reach these messages: nothing in them may steer a terminal.
  return { ...report, problems: report.problems.map(safeLine) };
}

async function inspectBundle(path: string, options: VerifyOptions): Promise<VerifyReport> {
  const report: VerifyReport = {
    ok: false,
    path,
    files: 0,
    bytes: 0,
    evidenceFiles: 0,
    fingerprint: null,
    seal: null,
    sealMatches: null,
    companyName: null,
    asOfDate: null,
    signature: null,
    signOffsVerified: 0,
    chain: null,
    sample: null,
    problems: [],
  };
  const problems = report.problems;
  // A FIFO would block the read forever and a device never ends: only a regular file is opened.
  const stat = await fs.stat(path).catch(() => null);
  if (stat && !stat.isFile()) {
    problems.push(
      `${path} is ${KIND_WORDS[kindOf(stat)]}, not a bundle file: give verify the .zip file the export wrote.`,
    );
    return report;
  }
  let zip: ZipFile;
  try {
    zip = await openZip(path, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, autoClose: false });
  } catch (error) {
    problems.push(`${path} is not a readable ZIP file (${(error as Error).message}).`);
    return report;
  }
  try {
    // The end record states the count: more entries than an export writes are refused unread.
    if (zip.entryCount > MAX_BUNDLE_ENTRIES) {
      problems.push(
        `The ZIP holds ${zip.entryCount} entries; an export writes at most ${MAX_BUNDLE_ENTRIES}, so it is not a bundle as exported. Nothing in it was read.`,
      );
      return report;
    }
    let entries: Entry[];
    try {
      entries = await readEntries(zip);
    } catch (error) {
      problems.push(`The ZIP's central directory is damaged (${(error as Error).message}).`);
      return report;
    }
    const { files, folders, problems: entryProblems } = await inspectEntries(zip, entries);
    problems.push(...entryProblems);
    problems.push(...(await checkLayout(path, entries)));
    const maxDocumentBytes = options.maxDocumentBytes ?? MAX_DOCUMENT_BYTES;
    report.files = files.size;
    const digests = new Map<string, string>();
    const kept = new Map<string, Buffer>();
    const progress: VerifyProgress = { filesDone: 0, filesTotal: files.size, bytesDone: 0, bytesTotal: 0 };
    const digest = async (name: string, entry: Entry) => {
      options.signal?.throwIfAborted();
      const keep = keptInMemory(name);
      if (keep && entry.uncompressedSize > maxDocumentBytes) {
        problems.push(
          `${name} is ${formatBytes(entry.uncompressedSize)}, larger than any ${name} this app writes (at most ${formatBytes(maxDocumentBytes)}): refused, so nothing it should vouch for was checked.`,
        );
        return;
      }
      try {
        const d = await digestEntry(
          zip,
          entry,
          keep,
          (n) => {
            progress.bytesDone += n;
            options.onProgress?.({ ...progress });
          },
          options.signal,
        );
        if (!d.crcOk) problems.push(`${name} is damaged inside the ZIP (CRC-32 mismatch).`);
        if (d.trailing !== 0) {
          problems.push(
            `${name}'s compressed data ends ${d.trailing} bytes before its entry does: a streaming unzip tool would read those bytes as what follows the entry, and verify cannot check them.`,
          );
        }
        digests.set(name, d.sha256);
        if (d.bytes) kept.set(name, d.bytes);
      } catch (error) {
        options.signal?.throwIfAborted();
        problems.push(`${name} cannot be read from the ZIP (${(error as Error).message}).`);
      } finally {
        progress.filesDone++;
      }
    };
    // The documents first: the manifest says which other entries belong, so an entry no export
    // wrote is refused by its name and never inflated, however large it claims or turns out to be.
    const documents = [...files].filter(([name]) => keptInMemory(name));
    const documentBytes = documents.reduce((sum, [, e]) => sum + Math.min(e.uncompressedSize, maxDocumentBytes), 0);
    const others = [...files].filter(([name]) => !keptInMemory(name));
    // Until the manifest is read, every entry may have to be hashed.
    progress.bytesTotal = documentBytes + others.reduce((sum, [, e]) => sum + e.uncompressedSize, 0);
    for (const [name, entry] of documents) await digest(name, entry);
    const listed = listedInManifest(kept.get(BUNDLE_FILES.manifest));
    const rest = others.filter(([name]) => listed === null || listed.has(name));
    const unread = others.map(([name]) => name).filter((name) => listed !== null && !listed.has(name));
    progress.filesTotal = documents.length + rest.length;
    progress.bytesTotal = documentBytes + rest.reduce((sum, [, e]) => sum + e.uncompressedSize, 0);
    for (const [name, entry] of rest) await digest(name, entry);
    const done = progress.bytesDone;
    // What was refused unread or stopped short is not counted: the end is where hashing ended.
    options.onProgress?.({ ...progress, filesDone: progress.filesTotal, bytesTotal: done });
    // Read-only to the end: nothing below writes, and a cancel still stops before ssh-keygen runs.
    options.signal?.throwIfAborted();
    report.bytes = done;
    for (const name of REQUIRED) if (!files.has(name)) problems.push(`${name} is missing from the bundle.`);
    checkSums(kept.get(BUNDLE_FILES.sums), digests, new Set(files.keys()), problems);
    const manifest = checkManifest(kept.get(BUNDLE_FILES.manifest), digests, kept, report);
    // Never OK without the manifest and fingerprint the cross-checks hang on, whatever skipped them.
    if ((!manifest || report.fingerprint === null) && problems.length === 0)
      problems.push('manifest.json was not checked, so nothing in the bundle was vouched for.');
    if (manifest) {
      checkFileSet(manifest, [...files.keys()], folders, problems);
      report.chain = checkBundleChain(manifest, kept, problems);
      const signing = options.signing ?? new SshSigning();
      report.signature = await checkBundleSignature(manifest, new Set(digests.keys()), kept, signing, problems);
      report.signOffsVerified = await checkSignOffs(manifest, kept, signing, problems);
    } else
      for (const name of unread)
        problems.push(`${name} is not part of the bundle: manifest.json does not list it, so it was not read.`);
    report.seal = digests.get(BUNDLE_FILES.sums) ?? null;
  } finally {
    zip.close();
  }
  if (options.expectedSeal !== undefined) checkSeal(options.expectedSeal, report);
  report.ok = problems.length === 0;
  return report;
}

/** The bundle paths manifest.json lists, read leniently (its schema is checked later), or null when it cannot say. */
function listedInManifest(bytes: Buffer | undefined): Set<string> | null {
  if (!bytes) return null;
  try {
    const json = JSON.parse(bytes.toString('utf8')) as { evidence?: unknown; documents?: unknown };
    const paths = [json.evidence, json.documents].flatMap((list) =>
      Array.isArray(list)
        ? list.map((item) => (item as { path?: unknown })?.path).filter((p) => typeof p === 'string')
        : [],
    ) as string[];
    return new Set<string>([...REQUIRED, ...paths]);
  } catch {
    return null;
  }
}

/**
 * SHA256SUMS can be rebuilt by anyone who changes a file; its own hash, the seal, cannot be
 * matched without changing it back. Given through a separate channel, it pins every byte.
 */
function checkSeal(expected: string, report: VerifyReport) {
  const wanted = expected.trim().toLowerCase();
  report.sealMatches = report.seal === wanted;
  if (report.sealMatches) return;
  const actual = report.seal ? `its seal (SHA-256 of SHA256SUMS) is ${report.seal}` : 'it has no SHA256SUMS to seal';
  report.problems.push(
    `This is not the bundle that was sent: ${actual}, not the seal ${wanted} you were given. A file was changed, added or removed after export; ask the sender for the bundle again.`,
  );
}

/** Exactly the files an export writes: its fixed files, the documents and evidence the manifest lists. */
function checkFileSet(manifest: Manifest, names: string[], folders: string[], problems: string[]) {
  const expected = new Set<string>([
    ...REQUIRED,
    // Only together, and only in a bundle manifest.json says is signed.
    ...(manifest.signing ? Object.values(SIGNATURE_FILES) : []),
    ...manifest.documents.map((d) => d.path),
    ...manifest.evidence.map((e) => e.path),
  ]);
  for (const name of names) {
    if (!expected.has(name))
      problems.push(
        `${name} is not part of the bundle: the export never writes it and manifest.json does not list it. It was added after export.`,
      );
  }
  for (const folder of folders) {
    if (!names.some((name) => name.startsWith(folder)))
      problems.push(`The empty folder ${folder} is not part of the bundle; it was added after export.`);
  }
}

/** `present`: every file in the ZIP; one present but not digested was refused unread (not part of the bundle). */
function checkSums(bytes: Buffer | undefined, digests: Map<string, string>, present: Set<string>, problems: string[]) {
  if (!bytes) return;
  const { lines, errors } = parseSums(bytes.toString('utf8'));
  problems.push(...errors);
  const listed = new Set<string>();
  for (const line of lines) {
    if (listed.has(line.path)) problems.push(`SHA256SUMS lists ${line.path} twice.`);
    listed.add(line.path);
    const actual = digests.get(line.path);
    if (actual === undefined) {
      if (!present.has(line.path)) problems.push(`SHA256SUMS lists ${line.path}, which is not in the bundle.`);
    } else if (actual !== line.sha256)
      problems.push(`${line.path} does not match SHA256SUMS: it was changed after export.`);
  }
  for (const name of digests.keys()) {
    // The signature is over SHA256SUMS, so SHA256SUMS cannot list it.
    if (name !== BUNDLE_FILES.sums && name !== SIGNATURE_FILES.signature && !listed.has(name))
      problems.push(`${name} is in the bundle but not in SHA256SUMS.`);
  }
}

/** Validates manifest.json and matches it against the files; returns it when it parses. */
function checkManifest(
  bytes: Buffer | undefined,
  digests: Map<string, string>,
  kept: Map<string, Buffer>,
  report: VerifyReport,
): Manifest | null {
  const problems = report.problems;
  if (!bytes) return null;
  const fingerprint = createHash('sha256').update(bytes).digest('hex');
  report.fingerprint = fingerprint;
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    problems.push('manifest.json is not valid JSON.');
    return null;
  }
  const parsed = Manifest.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    problems.push(
      `manifest.json does not follow its schema (${first ? `${first.path.join('.')}: ${first.message}` : 'unknown'}).`,
    );
    return null;
  }
  const manifest = parsed.data;
  report.companyName = manifest.workspace.companyName;
  report.asOfDate = manifest.options.asOfDate;
  report.evidenceFiles = manifest.evidence.length;
  for (const e of manifest.evidence) {
    const actual = digests.get(e.path);
    if (actual === undefined)
      problems.push(`Evidence ${e.id} (${e.path}) is listed in manifest.json but missing from the bundle.`);
    else if (actual !== e.sha256)
      problems.push(`Evidence ${e.id} (${e.path}) does not match the SHA-256 recorded when it was captured.`);
  }
  for (const d of manifest.documents) {
    if (digests.get(d.path) !== d.sha256)
      problems.push(`${d.path} does not match the SHA-256 recorded in manifest.json.`);
  }
  report.sample = manifest.sample === true;
  for (const name of [BUNDLE_FILES.readme, BUNDLE_FILES.html]) {
    const text = kept.get(name)?.toString('utf8');
    if (text !== undefined && !text.includes(fingerprint))
      problems.push(`${name} does not state the bundle fingerprint ${fingerprint}.`);
    // A sample must never pass as a real bundle, nor a real one be mistaken for a sample.
    if (text !== undefined && report.sample && !text.includes(SAMPLE_MARK))
      problems.push(`manifest.json marks a sample company's bundle, but ${name} does not say ${SAMPLE_MARK}.`);
    if (text !== undefined && !report.sample && text.includes(SAMPLE_MARK))
      problems.push(`${name} says ${SAMPLE_MARK}, but manifest.json does not mark the bundle as a sample.`);
  }
  return manifest;
}
