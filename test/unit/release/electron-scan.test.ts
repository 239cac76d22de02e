import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { expect, it } from 'vitest';
import { tempDir } from '../helpers/services';

const root = resolve(__dirname, '../../..');
const run = promisify(execFile);

/** The (check, file) pairs docs/security.md explains, from its "Electron security scan" table. */
function explained(): Set<string> {
  const doc = readFileSync(join(root, 'docs/security.md'), 'utf8');
  const section = doc.slice(doc.indexOf('## Electron security scan'));
  const rows = section
    .split('\n')
    .filter((line) => /^\| [A-Z_]+_CHECK +\|/.test(line))
    .map((line) => line.split('|').map((cell) => cell.trim()));
  return new Set(rows.map((cells) => `${cells[1]} ${cells[2]}`));
}

it('the Electron security scan of main and preload finds nothing high or medium that docs/security.md does not explain', async () => {
  const out = join(tempDir('aw-scan-'), 'scan.csv');
  const scanner = join(root, 'node_modules/@doyensec/electronegativity/dist/index.js');
  await run(process.execPath, [scanner, '-i', join(root, 'main'), '-r', '-o', out, '-v', 'false', '-e', '45.5.0'], {
    cwd: root,
    timeout: 240_000,
  });
  const findings = (
    parse(readFileSync(out, 'utf8'), { columns: true, relax_quotes: true, trim: true }) as Record<string, string>[]
  ).filter((row) => row.severity === 'HIGH' || row.severity === 'MEDIUM');
  const found = new Set(findings.map((row) => `${row.issue} ${row.filename}`));
  const reasons = explained();
  expect(reasons.size).toBeGreaterThan(0);
  expect(
    [...found].filter((key) => !reasons.has(key)),
    'findings without an explanation',
  ).toEqual([]);
  expect(
    [...reasons].filter((key) => !found.has(key)),
    'explanations for findings that are gone',
  ).toEqual([]);
}, 300_000);
