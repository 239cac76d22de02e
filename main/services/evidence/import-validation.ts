import { createReadStream, promises as fs } from 'node:fs';
import { extname } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';
import yauzl from 'yauzl';
import type { EvidenceKind } from '../../../shared/domain/evidence';
import { AppError } from '../../../shared/ipc/result';
import { jsonSyntaxCheck, JsonSyntaxError } from './json-syntax';

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

export interface InspectedFile {
  type: ImportType;
  extension: string;
  mediaType: string;
  kind: EvidenceKind;
  size: number;
}

const rejected = (name: string, why: string, hint: string) =>
  new AppError('IMPORT_REJECTED', `${name} was not imported: ${why}`, { hint, details: { file: name } });

const startsWith = (head: Buffer, bytes: number[]) => bytes.every((b, i) => head[i] === b);

/** How much of a file's start `sniff` needs. */
export const SNIFF_BYTES = 1024;

/** What the first bytes say a file is, whatever its name claims. */
export function sniff(head: Buffer): 'png' | 'jpeg' | 'pdf' | 'zip' | 'binary' | 'text' {
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'jpeg';
  // PDF readers accept the header anywhere in the first kilobyte.
  if (head.subarray(0, SNIFF_BYTES).includes('%PDF-')) return 'pdf';
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return 'zip';
  return head.includes(0) ? 'binary' : 'text';
}

const SNIFF_LABELS = {
  png: 'a PNG image',
  jpeg: 'a JPEG image',
  pdf: 'a PDF document',
  zip: 'a ZIP archive',
  binary: 'binary data',
  text: 'text',
};

function zipEntries(path: string): Promise<Set<string>> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('unreadable zip'));
      const names = new Set<string>();
      zip.on('entry', (entry: yauzl.Entry) => {
        names.add(entry.fileName);
        zip.readEntry();
      });
      zip.on('end', () => resolve(names));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

/**
 * Decodes the whole file as strict UTF-8 while streaming, so a huge text file never sits in
 * memory; `onChunk` sees each chunk's bytes once they decoded.
 */
async function checkUtf8(path: string, onChunk?: (bytes: Buffer) => void): Promise<void> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  await pipeline(
    createReadStream(path),
    new Writable({
      write(chunk: Buffer, _enc, done) {
        try {
          const text = decoder.decode(chunk, { stream: true });
          if (text.includes('\u0000')) throw new Error('NUL byte');
          onChunk?.(chunk);
          done();
        } catch (error) {
          done(error as Error);
        }
      },
      final(done) {
        try {
          decoder.decode();
          done();
        } catch (error) {
          done(error as Error);
        }
      },
    }),
  );
}

async function checkCsv(path: string): Promise<void> {
  await pipeline(
    createReadStream(path, 'utf8'),
    parseCsv({ relax_column_count: true, bom: true }),
    new Writable({ objectMode: true, write: (_r, _e, done) => done() }),
  );
}

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
  if (!stat?.isFile()) throw unreadable(name);
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

/**
 * Decides what a file to import is from its content (magic bytes, ZIP structure, strict
 * UTF-8, JSON/CSV syntax), checks its extension agrees, and refuses empty, huge or unreadable
 * files with the reason. Nothing is written.
 */
export async function inspectImport(
  path: string,
  name: string,
  maxBytes = DEFAULT_IMPORT_MAX_BYTES,
): Promise<InspectedFile> {
  const { type, size } = await checkImportable(path, name, maxBytes);
  const extension = extname(name).toLowerCase();
  const info = IMPORT_TYPES[type];
  let head: Buffer;
  try {
    const handle = await fs.open(path, 'r');
    try {
      const { buffer, bytesRead } = await handle.read(Buffer.alloc(4096), 0, 4096, 0);
      head = buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch {
    throw unreadable(name);
  }

  const found = sniff(head);
  const mismatch = () =>
    rejected(
      name,
      `its name says ${info.label}, but its content is ${SNIFF_LABELS[found]}.`,
      'Check you chose the right file; if it was renamed, give it the extension that matches its content.',
    );
  const wanted = {
    png: 'png',
    jpeg: 'jpeg',
    pdf: 'pdf',
    xlsx: 'zip',
    docx: 'zip',
    csv: 'text',
    txt: 'text',
    json: 'text',
  }[type];
  if (found !== wanted) throw mismatch();

  if (type === 'xlsx' || type === 'docx') {
    const entries = await zipEntries(path).catch(() => null);
    if (!entries)
      throw rejected(
        name,
        `it looks like ${info.label} but the archive inside is damaged.`,
        'Open it in its program and save it again.',
      );
    const marker = type === 'xlsx' ? 'xl/workbook.xml' : 'word/document.xml';
    if (!entries.has(marker))
      throw rejected(
        name,
        `it is a ZIP archive but not ${info.label}.`,
        'Save it from Excel or Word (or export it) as .xlsx or .docx.',
      );
  }
  if (type === 'txt' || type === 'csv' || type === 'json') {
    // JSON is checked while it streams, never parsed whole: a 200 MB file must not sit in the main process.
    const json = type === 'json' ? jsonSyntaxCheck() : undefined;
    const notJson = (error: JsonSyntaxError) =>
      rejected(
        name,
        `it is not valid JSON (${error.message}).`,
        'Check the file was saved completely; save API output with a tool that writes JSON.',
      );
    try {
      await checkUtf8(path, json && ((bytes) => json.write(bytes)));
    } catch (error) {
      if (error instanceof JsonSyntaxError) throw notJson(error);
      throw rejected(
        name,
        `its content is not UTF-8 text, so it is not ${info.label}.`,
        'Export it again as UTF-8 text.',
      );
    }
    try {
      json?.end();
    } catch (error) {
      throw error instanceof JsonSyntaxError ? notJson(error) : error;
    }
    if (type === 'csv') {
      await checkCsv(path).catch((error: Error) => {
        throw rejected(name, `it is not valid CSV (${error.message}).`, 'Export it again from its program as CSV.');
      });
    }
  }
  return { type, extension, mediaType: info.mediaType, kind: info.kind, size };
}
