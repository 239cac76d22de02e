import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import yazl from 'yazl';
import type { Services } from '../../../main/services/create-services';
import type { ImportOptions } from '../../../shared/ipc/channels/requests';
import { tempDir } from '../helpers/services';

/** A request list as firms send it: title rows above the header, ids, criteria, due dates, owners. */
export const FIRM_ROWS = [
  ['Example Assurance LLP', '', '', '', ''],
  ['SOC 2 Type 1 request list: Acme Analytics', '', '', '', ''],
  ['', '', '', '', ''],
  ['Request #', 'Request Description', 'TSC Reference', 'Due Date', 'Client Owner'],
  ['PBC-001', 'Provide the IAM password policy configuration', 'CC6.1', '2027-01-15', 'dana@acme.example'],
  ['PBC-002', 'Provide evidence of MFA on the root account', 'CC6.1, CC6.2', '2027-01-15', 'Dana Founder'],
  ['PBC-003', 'Provide the latest access review and its sign-off', 'CC6.2', '2027-01-22', 'IT'],
];

export const csvOf = (rows: string[][], delimiter = ',') =>
  rows
    .map((r) => r.map((c) => (/[",;\t\n\r]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(delimiter))
    .join('\r\n');

export async function xlsxOf(build: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const sheetOf = (wb: ExcelJS.Workbook, name: string, rows: unknown[][]) => {
  const ws = wb.addWorksheet(name);
  for (const row of rows) ws.addRow(row);
  return ws;
};

/** The same workbook with extra ZIP parts (macros, external links), as Excel would write them. */
export async function withParts(xlsx: Buffer, parts: Record<string, string | Buffer>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  await new Promise<void>((resolve, reject) => {
    yauzl.fromBuffer(xlsx, { lazyEntries: true }, (err, z) => {
      if (err || !z) return reject(err);
      z.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName.endsWith('/')) return z.readEntry();
        z.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            zip.addBuffer(Buffer.concat(chunks), entry.fileName);
            z.readEntry();
          });
        });
      });
      z.on('end', () => resolve());
      z.readEntry();
    });
  });
  for (const [name, content] of Object.entries(parts)) zip.addBuffer(Buffer.from(content), name);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const c of zip.outputStream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** Writes the bytes to a file, previews it, and returns the preview with a way to apply exactly it. */
export async function importList(
  services: Services,
  name: string,
  bytes: string | Buffer,
  options: Omit<ImportOptions, 'token'> = {},
) {
  const path = join(tempDir('aw-list-'), name);
  writeFileSync(path, bytes);
  const { token } = services.requests.remember(path);
  const preview = await services.requests.preview({ token, ...options });
  return { preview, path, token, apply: () => services.requests.apply({ token, sha256: preview.sha256, ...options }) };
}
