import type { EvidenceRecord } from '../../../shared/domain/evidence';

/**
 * Names inside the bundle. Every name is built here from sanitised segments and checked
 * again before it is written, so no evidence title or control id can produce an absolute
 * path, a `..`, a control character or a name too long for common unzip tools.
 */
export const BUNDLE_FILES = {
  readme: 'README.txt',
  pdf: 'index.pdf',
  html: 'index.html',
  controlsCsv: 'controls.csv',
  evidenceCsv: 'evidence.csv',
  manifest: 'manifest.json',
  manifestSchema: 'manifest.schema.json',
  sums: 'SHA256SUMS',
} as const;

/**
 * Files added after the first bundles were exported. Verify does not require them by name, so
 * older bundles still verify; every export lists them in the manifest's `documents`, and verify
 * requires each listed document, so a current bundle cannot lose one unnoticed.
 */
export const ADDED_BUNDLE_FILES = {
  cuecsCsv: 'cuecs.csv',
  /** Only when a request list was imported. */
  requestsCsv: 'requests.csv',
  requestsXlsx: 'requests.xlsx',
  /** Only when an access review was started: every identity of the review shown, with its decision. */
  accessReviewDecisionsCsv: 'access-review-decisions.csv',
  /** The workspace's sealed activity log (hash chain), as it was when the export began. */
  activityLog: 'activity.jsonl',
} as const;

/**
 * A signed bundle's two extra files, always together: OpenSSH's signature over SHA256SUMS
 * (which is why SHA256SUMS cannot list it) and the preparer's public key as ssh-keygen's
 * allowed_signers file (which SHA256SUMS does list).
 */
export const SIGNATURE_FILES = {
  signature: 'SHA256SUMS.sig',
  allowedSigners: 'allowed_signers',
} as const;

/**
 * Sign-offs signed with an SSH key: per sign-off its statement, signature and content, and one
 * allowed_signers for all of their keys (namespace audit-signoff only). Listed in the manifest's
 * documents, so the fingerprint pins them.
 */
export const SIGN_OFF_FOLDER = 'sign-offs';
export const SIGN_OFF_ALLOWED_SIGNERS = `${SIGN_OFF_FOLDER}/allowed_signers`;
export const signOffPaths = (kind: 'aws-report-review' | 'access-review', reviewId: string) => {
  const base = `${SIGN_OFF_FOLDER}/${kind === 'aws-report-review' ? kind : `access-review-${slugify(reviewId, 80)}`}`;
  return { statement: `${base}.statement.json`, signature: `${base}.sig`, content: `${base}.content.json` };
};

export const EVIDENCE_FOLDER = 'evidence';
const MAX_ENTRY_LENGTH = 240;
/**
 * The most evidence files one bundle carries, and so the most entries verify reads: a ZIP with
 * more was not written by an export and is refused from its end record, before any entry is read.
 */
export const MAX_BUNDLE_EVIDENCE = 20_000;
/** Evidence files, plus the fixed files, generated documents and folder entries an export adds. */
export const MAX_BUNDLE_ENTRIES = MAX_BUNDLE_EVIDENCE + 2_000;
const MAX_SEGMENT_LENGTH = 120;
const MAX_SLUG_LENGTH = 60;

/** Lowercase ASCII letters, digits and single hyphens; never empty. */
export function slugify(text: string, max = MAX_SLUG_LENGTH): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/, '');
  return slug || 'file';
}

const EXTENSIONS: Record<string, string> = {
  'application/json': 'json',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'application/pdf': 'pdf',
  'text/csv': 'csv',
  'text/plain': 'txt',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
};

export function extensionFor(record: Pick<EvidenceRecord, 'fileName' | 'mediaType'>): string {
  const fromName = /\.([a-z0-9]{1,8})$/i.exec(record.fileName)?.[1]?.toLowerCase();
  return fromName ?? EXTENSIONS[record.mediaType.split(';')[0]!.trim()] ?? 'bin';
}

/** `evidence/<control-id>/<evidence-id>-<slug>.<ext>`, stored under the first control it supports. */
export function evidencePath(record: Pick<EvidenceRecord, 'id' | 'fileName' | 'mediaType'>, controlId: string): string {
  const ext = extensionFor(record);
  const stem = record.fileName.replace(/\.[a-z0-9]{1,8}$/i, '');
  return assertSafeEntryName(
    `${EVIDENCE_FOLDER}/${slugify(controlId, 80)}/${record.id
      .toLowerCase()
      .replace(/[^a-z0-9_]/g, '-')
      .slice(0, 50)}-${slugify(stem)}.${ext}`,
  );
}

/** Why a ZIP entry name is unsafe, or null when it is fine. Used by export and by verify. */
export function unsafeEntryReason(name: string): string | null {
  if (name.length === 0) return 'is empty';
  if (Buffer.byteLength(name, 'utf8') > MAX_ENTRY_LENGTH) return `is longer than ${MAX_ENTRY_LENGTH} bytes`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'contains control characters';
  if (name.includes('\\')) return 'contains a backslash';
  if (name.startsWith('/') || /^[a-zA-Z]:/.test(name)) return 'is an absolute path';
  const segments = name.split('/');
  if (segments.some((s) => s === '..')) return 'climbs out of the bundle with ".."';
  if (segments.some((s, i) => s === '.' || (s === '' && i !== segments.length - 1)))
    return 'has an empty or "." path segment';
  if (segments.some((s) => Buffer.byteLength(s, 'utf8') > MAX_SEGMENT_LENGTH))
    return `has a path segment longer than ${MAX_SEGMENT_LENGTH} bytes`;
  return null;
}

export function assertSafeEntryName(name: string): string {
  const reason = unsafeEntryReason(name);
  if (reason) throw new Error(`Unsafe bundle entry name "${name.slice(0, 80)}": ${reason}`);
  return name;
}

/**
 * Compression per media type, chosen deliberately: PNG, JPEG, PDF and the Office formats are
 * already compressed, so deflating them again costs CPU for no gain and they are stored; text
 * (JSON, CSV, HTML, plain text) shrinks several-fold and is deflated at level 6, which the
 * zlib thread pool does alongside the hashing.
 */
export function compressionLevelFor(mediaType: string): number {
  const type = mediaType.split(';')[0]!.trim().toLowerCase();
  if (type.startsWith('text/') || type === 'application/json' || type.endsWith('+json') || type === 'application/xml')
    return 6;
  return 0;
}
