/**
 * `SHA256SUMS` in the format GNU `sha256sum -c` reads: one `<64 hex>  <path>` line per file.
 * Bundle names never contain newlines or backslashes (see layout.ts), so no escaping is needed.
 */
export interface SumLine {
  sha256: string;
  path: string;
}

export const formatSums = (lines: SumLine[]): Buffer =>
  Buffer.from(lines.map((l) => `${l.sha256}  ${l.path}\n`).join(''), 'utf8');

export function parseSums(text: string): { lines: SumLine[]; errors: string[] } {
  const lines: SumLine[] = [];
  const errors: string[] = [];
  text.split('\n').forEach((raw, i) => {
    if (raw === '') return;
    const match = /^([a-f0-9]{64}) [ *](.+)$/.exec(raw);
    if (!match) errors.push(`SHA256SUMS line ${i + 1} is not "<sha256>  <file>"`);
    else lines.push({ sha256: match[1]!, path: match[2]! });
  });
  return { lines, errors };
}
