import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import yazl from 'yazl';

/** Real files of each importable type, made here rather than shipped. */
export function tinyPng(seed = 1): Buffer {
  const png = new PNG({ width: 4, height: 3 });
  png.data.fill(seed);
  for (let i = 3; i < png.data.length; i += 4) png.data[i] = 255;
  return PNG.sync.write(png);
}

/** A real 2×2 JPEG (ImageMagick, quality 50, stripped). */
export const JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/wAALCAACAAIBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAAB//EABQQAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAD8AQH//2Q==',
  'base64',
);
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

const MAIN_TYPES: Record<string, { type: string; root: string }> = {
  'xl/workbook.xml': {
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
    root: 'workbook',
  },
  'word/document.xml': {
    type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
    root: 'w:document',
  },
};

/** An Office Open XML package ([Content_Types].xml, _rels/.rels) with the part that makes it a workbook or a document. */
export function officeZip(part: 'xl/workbook.xml' | 'word/document.xml' | 'other.txt'): Promise<Buffer> {
  const main = MAIN_TYPES[part];
  return zipOf({
    '[Content_Types].xml': `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>${main ? `<Override PartName="/${part}" ContentType="${main.type}"/>` : ''}</Types>`,
    '_rels/.rels': '<?xml version="1.0"?><Relationships/>',
    [part]: main ? `<?xml version="1.0"?><${main.root} xmlns:w="w"></${main.root}>` : 'text',
  });
}

/** A ZIP of the given entries, in order. */
export function zipOf(entries: Record<string, string | Buffer>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, content] of Object.entries(entries)) zip.addBuffer(Buffer.from(content), name);
  zip.end();
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on('error', reject);
  });
}

export function write(dir: string, name: string, content: Buffer | string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}
