import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import { AppError } from '../../../shared/ipc/result';
import type { SheetRows } from '../../../shared/rules/requests/types';
import { HEAD_BYTES, sniffBytes } from '../evidence/sniff';

/**
 * Bounds on what a request list may be. A real list has hundreds of lines; these leave room for
 * 10,000-line lists while keeping a hostile file from holding the process.
 */
export const SPREADSHEET_LIMITS = {
  maxFileBytes: 25 * 1024 * 1024,
  /** Sum of the XLSX parts once inflated: refuses ZIP bombs before exceljs inflates anything. */
  maxInflatedBytes: 200 * 1024 * 1024,
  maxZipEntries: 2_000,
  maxRows: 20_000,
  maxColumns: 200,
  /** Excel's own limit for one cell. */
  maxCellChars: 32_767,
};

export interface ReadSpreadsheet {
  format: 'csv' | 'xlsx';
  sheets: SheetRows[];
  /** Things a person should know that did not stop the import (macros ignored, hidden sheets). */
  notices: string[];
}

const refused = (name: string, why: string, hint: string) =>
  new AppError('IMPORT_REJECTED', `${name} was not imported: ${why}`, { hint, details: { file: name } });

const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/** Reads a request list from CSV or XLSX bytes into rows of cell text; never evaluates anything. */
export async function readSpreadsheet(
  name: string,
  bytes: Buffer,
  limits = SPREADSHEET_LIMITS,
): Promise<ReadSpreadsheet> {
  if (bytes.length === 0) throw refused(name, 'the file is empty.', 'Choose the request list the audit firm sent.');
  if (bytes.length > limits.maxFileBytes) {
    throw refused(
      name,
      `it is ${Math.ceil(bytes.length / 1024 / 1024)} MB, over the ${limits.maxFileBytes / 1024 / 1024} MB limit for a request list.`,
      'Save only the sheet with the requests, as CSV or XLSX.',
    );
  }
  if (bytes.subarray(0, 8).equals(CFB_MAGIC)) {
    // Office writes password-protected workbooks as an OLE container holding "EncryptedPackage".
    const encrypted = bytes.includes(Buffer.from('EncryptedPackage', 'utf16le'));
    throw encrypted
      ? refused(
          name,
          'it is protected with a password, so its content cannot be read.',
          'Open it in Excel, remove the password (File > Info > Protect Workbook), save it as .xlsx and import that copy.',
        )
      : refused(
          name,
          'it is an old Excel (.xls) workbook, which the workbench does not read.',
          'Open it in Excel and save it as .xlsx or CSV, then import that copy.',
        );
  }
  const sniffed = sniffBytes(bytes.subarray(0, HEAD_BYTES), bytes.subarray(Math.max(0, bytes.length - 0x10015)));
  if (sniffed.verdict === 'polyglot')
    throw refused(
      name,
      `it is ${sniffed.formats[0]} and ${sniffed.formats[1]} at once, so what it holds is not certain.`,
      'Save the request list again from its program as CSV or XLSX.',
    );
  const kind = sniffed.format;
  if (kind === 'zip') return readXlsx(name, bytes, limits);
  if (kind !== 'text') {
    throw refused(
      name,
      `it is not a spreadsheet (it looks like ${kind === 'binary' ? 'binary data' : `a ${kind.toUpperCase()} file`}).`,
      'Import the request list as CSV or XLSX.',
    );
  }
  return readCsv(name, bytes, limits);
}

function decodeText(name: string, bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    // Excel's "CSV" on Windows is often Windows-1252: read it as such rather than refuse a real list.
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

const DELIMITERS = [',', ';', '\t', '|'] as const;

/** Counts the delimiter outside quotes on each of the first lines; the one that splits them alike wins. */
export function detectDelimiter(text: string): string {
  const lines: string[] = [];
  let line = '';
  let quoted = false;
  for (let i = 0; i < text.length && lines.length < 30; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    if (!quoted && (c === '\n' || c === '\r')) {
      if (line.trim()) lines.push(line);
      line = '';
      continue;
    }
    line += c;
  }
  if (line.trim() && lines.length < 30) lines.push(line);
  let best: string = ',';
  let bestScore = -1;
  for (const d of DELIMITERS) {
    const counts = lines.map((l) => countOutsideQuotes(l, d));
    const filled = counts.filter((n) => n > 0);
    if (filled.length === 0) continue;
    // Lines split into the same number of fields, and many of them: the list's own shape.
    const mode = modeOf(filled);
    const score = filled.filter((n) => n === mode).length * 1000 + mode;
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

function countOutsideQuotes(line: string, d: string): number {
  let n = 0;
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (c === d && !quoted) n++;
  }
  return n;
}

function modeOf(values: number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]![0];
}

function readCsv(name: string, bytes: Buffer, limits: typeof SPREADSHEET_LIMITS): ReadSpreadsheet {
  const text = decodeText(name, bytes);
  if (text.includes('\u0000')) {
    throw refused(name, 'it is not a spreadsheet (it holds binary data).', 'Import the request list as CSV or XLSX.');
  }
  const delimiter = detectDelimiter(text);
  let records: string[][];
  try {
    records = parseCsv(text, {
      delimiter,
      relax_column_count: true,
      // A quote inside an unquoted cell (`Provide "MFA" evidence`) is text, as spreadsheet programs read it.
      relax_quotes: true,
      skip_empty_lines: false,
      max_record_size: limits.maxCellChars * 4,
      to_line: limits.maxRows + 200,
    }) as string[][];
  } catch (error) {
    const e = error as { lines?: number; message: string };
    throw refused(
      name,
      `line ${e.lines ?? '?'} could not be read as CSV (${e.message.replace(/^Invalid [^:]*: /, '')}).`,
      'Open the file in a spreadsheet program, check the quotes on that line, save it again as CSV and import it.',
    );
  }
  checkShape(name, records, limits);
  return { format: 'csv', sheets: [{ name: null, hidden: false, rows: records }], notices: [] };
}

function checkShape(name: string, rows: string[][], limits: typeof SPREADSHEET_LIMITS, sheet?: string) {
  const where = sheet ? ` on sheet "${sheet}"` : '';
  if (rows.length > limits.maxRows + 100) {
    throw refused(
      name,
      `it has more than ${limits.maxRows.toLocaleString('en-US')} rows${where}.`,
      'A request list that long is not a request list: check that you chose the right file or sheet.',
    );
  }
  rows.forEach((row, i) => {
    if (row.length > limits.maxColumns) {
      throw refused(
        name,
        `row ${i + 1}${where} has ${row.length} columns, over the limit of ${limits.maxColumns}.`,
        'Remove the unused columns and import it again.',
      );
    }
    row.forEach((cell) => {
      if (cell.length > limits.maxCellChars) {
        throw refused(
          name,
          `row ${i + 1}${where} has a cell longer than ${limits.maxCellChars} characters.`,
          'Shorten that cell and import it again.',
        );
      }
    });
  });
}

interface ZipFacts {
  entries: number;
  inflated: number;
  names: Set<string>;
}

function zipFacts(bytes: Buffer, limits: typeof SPREADSHEET_LIMITS): Promise<ZipFacts> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('unreadable zip'));
      const facts: ZipFacts = { entries: 0, inflated: 0, names: new Set() };
      zip.on('entry', (entry: yauzl.Entry) => {
        facts.entries++;
        facts.inflated += entry.uncompressedSize;
        facts.names.add(entry.fileName);
        if (facts.entries > limits.maxZipEntries || facts.inflated > limits.maxInflatedBytes) {
          zip.close();
          return resolve(facts);
        }
        zip.readEntry();
      });
      zip.on('end', () => resolve(facts));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

async function readXlsx(name: string, bytes: Buffer, limits: typeof SPREADSHEET_LIMITS): Promise<ReadSpreadsheet> {
  const notSheet = () =>
    refused(name, 'it is a ZIP archive but not an Excel workbook.', 'Import the request list as CSV or XLSX.');
  const facts = await zipFacts(bytes, limits).catch(() => {
    throw refused(
      name,
      'it is damaged (its ZIP structure cannot be read).',
      'Ask the audit firm to send the file again, or save it again from Excel.',
    );
  });
  if (facts.entries > limits.maxZipEntries || facts.inflated > limits.maxInflatedBytes) {
    throw refused(
      name,
      `it inflates to more than ${limits.maxInflatedBytes / 1024 / 1024} MB or ${limits.maxZipEntries} parts, far more than a request list needs.`,
      'Save only the sheet with the requests, as CSV or XLSX.',
    );
  }
  if (!facts.names.has('xl/workbook.xml')) throw notSheet();
  const notices: string[] = [];
  if (facts.names.has('xl/vbaProject.bin')) {
    notices.push('The workbook contains macros; they were not run and are not kept, only the cells were read.');
  }
  if ([...facts.names].some((n) => n.startsWith('xl/externalLinks/'))) {
    notices.push('The workbook links to other workbooks; the links were not followed, formulas are shown as text.');
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(
      bytes as unknown as ArrayBuffer,
      { ignoreNodes: ['dataValidations', 'conditionalFormatting'] } as never,
    );
  } catch (error) {
    throw refused(
      name,
      `its workbook could not be read (${(error as Error).message}).`,
      'Open it in Excel, save it again as .xlsx, and import that copy.',
    );
  }
  const sheets: SheetRows[] = [];
  workbook.eachSheet((ws) => {
    const rows: string[][] = [];
    const rowCount = Math.min(ws.rowCount, limits.maxRows + 101);
    const columnCount = ws.columnCount;
    if (columnCount > limits.maxColumns) {
      throw refused(
        name,
        `sheet "${ws.name}" has ${columnCount} columns, over the limit of ${limits.maxColumns}.`,
        'Remove the unused columns and import it again.',
      );
    }
    for (let r = 1; r <= rowCount; r++) {
      const row = ws.getRow(r);
      const cells: string[] = [];
      for (let c = 1; c <= columnCount; c++) cells.push(cellText(row.getCell(c)));
      while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
      rows.push(cells);
    }
    checkShape(name, ws.rowCount > rowCount ? [...rows, ...Array(200).fill([])] : rows, limits, ws.name);
    sheets.push({ name: ws.name, hidden: ws.state !== 'visible', rows });
  });
  if (sheets.length === 0) throw notSheet();
  return { format: 'xlsx', sheets, notices };
}

const isoDate = (d: Date) => (Number.isNaN(d.getTime()) ? '' : d.toISOString().slice(0, 10));

/** What a cell shows as text. Formulas are never evaluated: the formula itself is the text. */
export function cellText(cell: ExcelJS.Cell): string {
  // `cell.formula` is the formula of this cell even when it shares another cell's formula.
  if (cell.type === ExcelJS.ValueType.Formula) return `=${cell.formula}`;
  const value = cell.value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return isoDate(value);
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) return value.richText.map((t) => t.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('error' in value) return String(value.error);
  }
  return '';
}
