import { createReadStream } from 'node:fs';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse as parseCsv } from 'csv-parse';
import { parse as parseCsvText } from 'csv-parse/sync';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { formulaCellTally, type FormulaCells } from '../../../shared/rules/formula-cells';
import { jsonSyntaxCheck, JsonSyntaxError } from './json-syntax';

/**
 * The content checks that read a whole imported file, run in a worker thread (see
 * check-in-worker.ts): strict UTF-8, JSON and CSV syntax, and the package structure of Office
 * files. Each is linear in the file's size and bounded in memory; each refusal says what is
 * wrong in words for the person importing.
 */
export type CheckedType = 'csv' | 'txt' | 'json' | 'xlsx' | 'docx';

export interface ContentFacts {
  /** CSV cells a spreadsheet would run as a formula (shared/rules/formula-cells.ts), counted. */
  formulaCells?: { count: number; first: string };
}

export class ContentRefused extends Error {
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
  }
}

/** Decodes the whole file as strict UTF-8 while streaming; `onChunk` sees each chunk once it decoded. */
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

async function checkCsv(path: string): Promise<ContentFacts> {
  const tally = formulaCellTally();
  await pipeline(
    createReadStream(path, 'utf8'),
    parseCsv({ relax_column_count: true, bom: true, max_record_size: 8 * 1024 * 1024 }),
    new Writable({
      objectMode: true,
      write(record: string[], _e, done) {
        tally.add(record);
        done();
      },
    }),
  );
  const formulaCells = tally.result();
  return formulaCells ? { formulaCells } : {};
}

/** Formula-looking cells in CSV text the app holds in memory (a collector's CSV answer, such as the credential report). */
export function formulaCellsInCsv(text: string): FormulaCells | undefined {
  const tally = formulaCellTally();
  for (const record of parseCsvText(text, { relax_column_count: true, bom: true }) as string[][]) tally.add(record);
  return tally.result();
}

export async function checkText(path: string, type: 'csv' | 'txt' | 'json', label: string): Promise<ContentFacts> {
  const json = type === 'json' ? jsonSyntaxCheck() : undefined;
  const notJson = (error: JsonSyntaxError) =>
    new ContentRefused(
      `it is not valid JSON (${error.message}).`,
      'Check the file was saved completely; save API output with a tool that writes JSON.',
    );
  try {
    await checkUtf8(path, json && ((bytes) => json.write(bytes)));
    json?.end();
  } catch (error) {
    if (error instanceof JsonSyntaxError) throw notJson(error);
    throw new ContentRefused(`its content is not UTF-8 text, so it is not ${label}.`, 'Export it again as UTF-8 text.');
  }
  if (type !== 'csv') return {};
  return checkCsv(path).catch((error: Error) => {
    throw new ContentRefused(`it is not valid CSV (${error.message}).`, 'Export it again from its program as CSV.');
  });
}

/** More parts than any workbook or document people send; a bigger count is refused before reading them. */
export const MAX_OFFICE_ENTRIES = 10_000;
const MAX_PART_BYTES = 4 * 1024 * 1024;
const OFFICE = {
  xlsx: {
    main: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
    macro: 'application/vnd.ms-excel.sheet.macroEnabled.main+xml',
    root: /<(?:\w+:)?workbook[\s>]/,
    macroName: 'a macro-enabled workbook (.xlsm)',
  },
  docx: {
    main: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
    macro: 'application/vnd.ms-word.document.macroEnabled.main+xml',
    root: /<(?:\w+:)?document[\s>]/,
    macroName: 'a macro-enabled document (.docm)',
  },
} as const;
const PROGRAM = /\.(?:exe|dll|com|scr|bat|cmd|ps1|vbs|js|jar|msi|sh)$/i;
const VBA = 'application/vnd.ms-office.vbaProject';

const openZip = (path: string) =>
  new Promise<ZipFile>((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true, autoClose: false, validateEntrySizes: true }, (err, zip) =>
      err || !zip ? reject(err ?? new Error('unreadable zip')) : resolve(zip),
    ),
  );

function listEntries(zip: ZipFile): Promise<Entry[]> {
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

/** An entry's bytes, refused beyond `cap` of real inflated output (whatever the entry states). */
async function readCapped(zip: ZipFile, entry: Entry, cap: number): Promise<Buffer> {
  if (entry.uncompressedSize > cap)
    throw new Error(`${entry.fileName} states ${entry.uncompressedSize} bytes, over ${cap}`);
  const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) =>
    zip.openReadStream(entry, (err, s) => (err || !s ? reject(err ?? new Error('unreadable entry')) : resolve(s))),
  );
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > cap) {
      (stream as unknown as { destroy(): void }).destroy();
      throw new Error(`${entry.fileName} inflates to more than ${cap} bytes`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

const attr = (tag: string, name: string) => new RegExp(`\\b${name}\\s*=\\s*"([^"]*)"`).exec(tag)?.[1];

/**
 * An Office file is an Open Packaging Convention ZIP: `[Content_Types].xml` names each part's
 * type, and the main part (the workbook, the document) must be there and be XML. A macro
 * project, a macro-enabled main part or a program inside is refused.
 */
export async function checkOffice(path: string, type: 'xlsx' | 'docx', label: string): Promise<ContentFacts> {
  const spec = OFFICE[type];
  const notOffice = (why: string) =>
    new ContentRefused(
      `it is a ZIP archive but not ${label}: ${why}.`,
      'Save it from Excel or Word (or export it) as .xlsx or .docx.',
    );
  let zip: ZipFile;
  try {
    zip = await openZip(path);
  } catch {
    throw new ContentRefused(
      `it looks like ${label} but the archive inside is damaged.`,
      'Open it in its program and save it again.',
    );
  }
  try {
    if (zip.entryCount > MAX_OFFICE_ENTRIES)
      throw notOffice(`it holds ${zip.entryCount} parts, more than the ${MAX_OFFICE_ENTRIES} any such file has`);
    const entries = await listEntries(zip).catch(() => {
      throw new ContentRefused(
        `it looks like ${label} but the archive inside is damaged.`,
        'Open it in its program and save it again.',
      );
    });
    const byName = new Map(entries.map((e) => [e.fileName, e]));
    const program = entries.find((e) => PROGRAM.test(e.fileName));
    if (program)
      throw new ContentRefused(
        `it carries a program (${program.fileName}), which no ${label} holds.`,
        'Ask for the file again, saved straight from its program; do not open this one.',
      );
    const types = byName.get('[Content_Types].xml');
    if (!types) throw notOffice('it has no [Content_Types].xml');
    const xml = (await readCapped(zip, types, MAX_PART_BYTES).catch(() => null))?.toString('utf8');
    if (xml === undefined) throw notOffice('its [Content_Types].xml cannot be read');
    const overrides = [...xml.matchAll(/<(?:\w+:)?Override\b[^>]*>/g)].map((m) => ({
      part: attr(m[0], 'PartName') ?? '',
      type: attr(m[0], 'ContentType') ?? '',
    }));
    const defaults = [...xml.matchAll(/<(?:\w+:)?Default\b[^>]*>/g)].map((m) => attr(m[0], 'ContentType') ?? '');
    const macro =
      overrides.find((o) => o.type === spec.macro || o.type === VBA) ??
      (defaults.includes(VBA) ? { part: '' } : undefined) ??
      entries.map((e) => ({ part: e.fileName })).find((e) => /(^|\/)vbaProject\.bin$/i.test(e.part));
    if (macro)
      throw new ContentRefused(
        `it is ${spec.macroName} named ${type === 'xlsx' ? '.xlsx' : '.docx'}: its macros are code that would run when the auditor opens it.`,
        `Save it again without macros (as a plain ${type === 'xlsx' ? 'Excel Workbook (.xlsx)' : 'Word Document (.docx)'}), then import that.`,
      );
    const main = overrides.find((o) => o.type === spec.main);
    if (!main) throw notOffice(`its [Content_Types].xml names no ${type === 'xlsx' ? 'workbook' : 'document'} part`);
    const mainEntry = byName.get(main.part.replace(/^\//, ''));
    if (!mainEntry) throw notOffice(`the part ${main.part} its [Content_Types].xml names is missing`);
    if (!byName.has('_rels/.rels')) throw notOffice('it has no _rels/.rels');
    const head = await readHead(zip, mainEntry).catch(() => null);
    if (head === null || !spec.root.test(head))
      throw notOffice(`${main.part} is not ${type === 'xlsx' ? 'a workbook' : 'a document'} in XML`);
    return {};
  } finally {
    zip.close();
  }
}

/** The first 4 KiB of a part, inflated no further. */
async function readHead(zip: ZipFile, entry: Entry): Promise<string> {
  const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) =>
    zip.openReadStream(entry, (err, s) => (err || !s ? reject(err ?? new Error('unreadable entry')) : resolve(s))),
  );
  let head = '';
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    head += chunk.toString('utf8');
    if (head.length >= 4096) break;
  }
  (stream as unknown as { destroy(): void }).destroy();
  return head.slice(0, 4096);
}
