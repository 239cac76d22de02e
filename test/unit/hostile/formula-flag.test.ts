import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Manifest } from '../../../shared/domain/manifest';
import { write } from '../evidence/files';
import { scenarioWorkspace } from '../export/scenario';
import { tempDir } from '../helpers/services';

const DETAILS = { title: 'Vendor access list', effectiveDate: '2026-11-20', controlIds: ['iam-mfa-enforcement'] };
const HOSTILE_CSV = 'name,link\r\nJane,"=HYPERLINK(""https://example.com"",""open"")"\r\nBob,-42\r\nEve,@SUM(A1)\r\n';

describe('CSV evidence with formula-like cells', () => {
  it('keeps its bytes and is flagged in manifest.json, evidence.csv, index.html and index.pdf', async () => {
    const s = await scenarioWorkspace();
    const csv = write(tempDir(), 'vendors.csv', HOSTILE_CSV);
    const plain = write(tempDir(), 'plain.csv', 'name,delta\r\nJane,-42\r\n');
    const flagged = await s.services.imports.importFile(csv, 'vendors.csv', DETAILS, 'file picker');
    const clean = await s.services.imports.importFile(
      plain,
      'plain.csv',
      { ...DETAILS, title: 'Plain' },
      'file picker',
    );
    const zip = join(dirname(s.folder), 'bundle.zip');
    await s.services.exports.run({ outPath: zip });
    await s.services.workspaces.close();
    const dir = mkdtempSync(join(tmpdir(), 'aw-formula-'));
    execFileSync('unzip', ['-q', zip, '-d', dir]);

    const manifest = Manifest.parse(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')));
    const entry = manifest.evidence.find((e) => e.id === flagged.id)!;
    expect(entry.flags).toContain('formula_cells');
    expect(manifest.evidence.find((e) => e.id === clean.id)!.flags).not.toContain('formula_cells');
    // The evidence itself is shipped byte for byte.
    expect(readFileSync(join(dir, entry.path), 'utf8')).toBe(HOSTILE_CSV);

    const evidenceCsv = readFileSync(join(dir, 'evidence.csv'), 'utf8');
    const row = evidenceCsv.split('\r\n').find((line) => line.startsWith(flagged.id))!;
    expect(row).toMatch(/formula_cells/);

    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    expect(html).toContain('has 2 cells a spreadsheet would run as formulas (first B2): open it as text');
    const pdfText = execFileSync('pdftotext', [join(dir, 'index.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(pdfText).toContain('has 2 cells a spreadsheet would run as formulas (first B2)');
  }, 120_000);
});
