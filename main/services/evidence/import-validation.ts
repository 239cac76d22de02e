import { promises as fs } from 'node:fs';
import { extname } from 'node:path';
import type { EvidenceKind } from '../../../shared/domain/evidence';
import { AppError } from '../../../shared/ipc/result';
import { JPEG_HEADER_SEARCH_BYTES, MAX_JPEG_PIXELS, readJpegHeader } from '../images/jpeg';
import { readPngHeader } from '../images/png';
import { KIND_WORDS, kindOf } from '../storage/workspace-files';
import { checkContentInWorker } from './check-in-worker';
import type { ContentFacts } from './content-checks';
import { FORMAT_LABELS, sniffFile, type Format } from './sniff';

export const DEFAULT_IMPORT_MAX_BYTES = 200 * 1024 * 1024;

export type ImportType = 'png' | 'jpeg' | 'pdf' | 'csv' | 'xlsx' | 'docx' | 'txt' | 'json';

interface TypeInfo {
  label: string;
  mediaType: string;
  extensions: string[];
  kind: EvidenceKind;
}

export const IMPORT_TYPES: Record<ImportType, TypeInfo> = {
  png: { label: 'a PNG image', mediaType: 'image/png', extensions: ['.png'], kind: 'screenshot' },
  jpeg: { label: 'a JPEG image', mediaType: 'image/jpeg', extensions: ['.jpg', '.jpeg'], kind: 'screenshot' },
  pdf: { label: 'a PDF document', mediaType: 'application/pdf', extensions: ['.pdf'], kind: 'document' },
  csv: { label: 'a CSV file', mediaType: 'text/csv', extensions: ['.csv'], kind: 'document' },
  xlsx: {
    label: 'an Excel workbook',
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extensions: ['.xlsx'],
    kind: 'document',
  },
  docx: {
    label: 'a Word document',
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['.docx'],
    kind: 'document',
  },
  txt: { label: 'a text file', mediaType: 'text/plain', extensions: ['.txt'], kind: 'document' },
  json: { label: 'a JSON file', mediaType: 'application/json', extensions: ['.json'], kind: 'document' },
};

export const SUPPORTED_EXTENSIONS = Object.values(IMPORT_TYPES).flatMap((t) => t.extensions);

export interface InspectedFile extends ContentFacts {
  type: ImportType;
  extension: string;
  mediaType: string;
  kind: EvidenceKind;
  size: number;
}

const rejected = (name: string, why: string, hint: string) =>
  new AppError('IMPORT_REJECTED', `${name} was not imported: ${why}`, { hint, details: { file: name } });

export const unreadable = (name: string) =>
  rejected(name, 'the file could not be read.', 'Check that it still exists and that you may open it, then try again.');

/** The cheap checks (supported name, readable, not empty, not too large), done before anything is copied. */
export async function checkImportable(
  path: string,
  name: string,
  maxBytes = DEFAULT_IMPORT_MAX_BYTES,
): Promise<{ type: ImportType; size: number }> {
  const extension = extname(name).toLowerCase();
  const type = (Object.keys(IMPORT_TYPES) as ImportType[]).find((t) => IMPORT_TYPES[t].extensions.includes(extension));
  if (!type) {
    throw rejected(
      name,
      `files of type "${extension || 'without extension'}" are not supported.`,
      `Import ${SUPPORTED_EXTENSIONS.join(', ')} files; export other formats to PDF first.`,
    );
  }
  const stat = await fs.stat(path).catch(() => null);
  if (!stat) throw unreadable(name);
  // A FIFO would block the copy forever and a device never ends: say what it is instead.
  if (!stat.isFile())
    throw rejected(name, `it is ${KIND_WORDS[kindOf(stat)]}, not a file.`, 'Choose the evidence file itself.');
  if (stat.size === 0)
    throw rejected(
      name,
      'the file is empty.',
      'Choose the file that holds the evidence; an empty file proves nothing.',
    );
  if (stat.size > maxBytes) {
    const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
    throw rejected(
      name,
      `it is ${mb(stat.size)}, over the ${mb(maxBytes)} limit.`,
      'Split the evidence into smaller files, or export only the part the auditor needs.',
    );
  }
  return { type, size: stat.size };
}

const WANTED: Record<ImportType, Format> = {
  png: 'png',
  jpeg: 'jpeg',
  pdf: 'pdf',
  xlsx: 'zip',
  docx: 'zip',
  csv: 'text',
  txt: 'text',
  json: 'text',
};

/**
 * Decides what a file to import is from its structure (signature at the start, trailer at the
 * end, a second format hidden in the same bytes, the Office package's parts), checks its
 * extension agrees, and checks its whole content (UTF-8, JSON, CSV syntax) in a worker with a
 * deadline. Refuses empty, huge, unreadable, damaged and two-format files with the reason.
 * Nothing is written. Aborted, the content check stops and this rejects with the signal's reason. What the checks found (CSV cells that look like formulas) is returned.
 */
export async function inspectImport(
  path: string,
  name: string,
  maxBytes = DEFAULT_IMPORT_MAX_BYTES,
  deadlineMs?: number,
  signal?: AbortSignal,
): Promise<InspectedFile> {
  const { type, size } = await checkImportable(path, name, maxBytes);
  const extension = extname(name).toLowerCase();
  const info = IMPORT_TYPES[type];
  const sniffed = await sniffFile(path).catch(() => {
    throw unreadable(name);
  });
  if (sniffed.verdict === 'polyglot') {
    const [a, b] = sniffed.formats;
    throw rejected(
      name,
      `it is ${a} and ${b} at once: one program would open it as one, another as the other, so what the auditor sees is not certain.`,
      'Export the evidence again from the program that made it, as one plain file.',
    );
  }
  if (sniffed.verdict === 'damaged' && sniffed.format === WANTED[type])
    throw rejected(name, `it looks like ${info.label} but ${sniffed.why}.`, 'Save or download it again.');
  if (sniffed.format !== WANTED[type])
    throw rejected(
      name,
      `its name says ${info.label}, but its content is ${FORMAT_LABELS[sniffed.format]}.`,
      'Check you chose the right file; if it was renamed, give it the extension that matches its content.',
    );
  if (type === 'png') {
    try {
      const head = await readHead(path, 33);
      readPngHeader(head);
    } catch (error) {
      throw rejected(
        name,
        `it is not a readable PNG image (${(error as Error).message}).`,
        'Save the image again as PNG.',
      );
    }
  }
  if (type === 'jpeg') {
    try {
      readJpegHeader(await readHead(path, Math.min(size, JPEG_HEADER_SEARCH_BYTES)));
    } catch (error) {
      throw rejected(
        name,
        `it is not a usable JPEG image (${(error as Error).message}).`,
        `Save the image again as JPEG or PNG, at most ${MAX_JPEG_PIXELS / 1_000_000} megapixels.`,
      );
    }
  }
  let facts: ContentFacts = {};
  if (type === 'txt' || type === 'csv' || type === 'json' || type === 'xlsx' || type === 'docx') {
    const outcome = await checkContentInWorker({ path, type, label: info.label }, deadlineMs, signal);
    if (!outcome.ok) throw rejected(name, outcome.message, outcome.hint);
    facts = outcome.facts;
  }
  return { type, extension, mediaType: info.mediaType, kind: info.kind, size, ...facts };
}

async function readHead(path: string, bytes: number): Promise<Buffer> {
  const handle = await fs.open(path, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(bytes), 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
