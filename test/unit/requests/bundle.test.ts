import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { verifyBundle } from '../../../main/services/export/verify';
import { createTestWorkspace, DANA, tempDir } from '../helpers/services';
import { csvOf, FIRM_ROWS, importList } from './fixtures';

describe('requests in the auditor bundle', () => {
  it('round trip: import, answer, export, then read requests.xlsx back with the firm columns and the answers', async () => {
    const { services, folder } = await createTestWorkspace();
    const ws = services.workspaces.require();
    const policy = await ws.evidence.addBytes('password policy export\n', {
      title: 'IAM password policy',
      kind: 'document',
      mediaType: 'text/plain',
      fileName: 'password-policy.txt',
      controlIds: ['iam-password-policy'],
      source: { type: 'import', originalName: 'password-policy.txt' },
      effectiveDate: '2026-12-20',
      capturedBy: DANA,
    });
    // Privacy is not in this workspace's scope: the file still ships because a request links it.
    const notice = await ws.evidence.addBytes('Our privacy notice\n', {
      title: 'Privacy notice',
      kind: 'document',
      mediaType: 'text/plain',
      fileName: 'privacy-notice.txt',
      controlIds: ['privacy-notice'],
      source: { type: 'import', originalName: 'privacy-notice.txt' },
      effectiveDate: '2026-12-20',
      capturedBy: DANA,
    });
    await (await importList(services, 'pbc.csv', csvOf(FIRM_ROWS))).apply();
    await services.requests.link({
      id: 'PBC-001',
      controlIds: ['iam-password-policy'],
      evidenceIds: [policy.id, notice.id],
    });
    await services.requests.answer({ id: 'PBC-001', status: 'submitted', response: '=Exported from IAM' });
    await services.requests.answer({ id: 'PBC-002', status: 'returned', auditorComment: 'Show the date' });

    const out = join(dirname(folder), 'bundle.zip');
    await services.exports.run({ outPath: out });
    expect((await verifyBundle(out)).ok).toBe(true);
    const dir = tempDir('aw-unzip-');
    execFileSync('unzip', ['-q', out, '-d', dir]);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(join(dir, 'requests.xlsx')) as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('Requests')!;
    const row = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
    expect(row(1)).toEqual([
      ...FIRM_ROWS[3]!,
      'Status',
      'Owner',
      'Due date',
      'Response',
      "Auditor's comment",
      'Evidence files',
    ]);
    const first = row(2);
    expect(first.slice(0, 5)).toEqual(FIRM_ROWS[4]);
    expect(first[5]).toBe('Submitted');
    expect(first[6]).toBe(`${DANA.name} <${DANA.email}>`);
    expect(first[7]).toBe('2027-01-15');
    // Text that looks like a formula stays text.
    expect(first[8]).toBe("'=Exported from IAM");
    const paths = String(first[10]).split('\n');
    expect(paths).toHaveLength(2);
    for (const path of paths) expect(readFileSync(join(dir, path), 'utf8')).toMatch(/password policy|privacy notice/);
    expect(row(3).slice(5, 6)).toEqual(['Returned']);
    expect(row(3)[9]).toBe('Show the date');

    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    const section = html.slice(html.indexOf('<section id="requests">'), html.indexOf('<section id="evidence">'));
    expect(section).toContain('<code>PBC-001</code>');
    expect(section).toContain('Provide the latest access review and its sign-off');
    for (const path of paths) expect(section).toContain(`href="${path}"`);

    // index.pdf has the same section: each request with its answer and the bundle path of each evidence file.
    const pdf = execFileSync('pdftotext', ['-layout', join(dir, 'index.pdf'), '-'], { encoding: 'utf8' });
    const start = pdf.indexOf('The request list as the audit firm sent it');
    expect(start, 'the Requests section of index.pdf').toBeGreaterThan(0);
    const pages = pdf.slice(start, pdf.indexOf('Evidence index', start));
    expect(pdf.slice(0, start)).toMatch(/Contents[\s\S]*Requests\s+\d+/);
    for (const id of ['PBC-001', 'PBC-002', 'PBC-003']) expect(pages).toContain(id);
    expect(pages).toContain('Provide the IAM password policy');
    expect(pages).toMatch(/PBC-001[\s\S]*Submitted[\s\S]*Dana Founder[\s\S]*PBC-002/);
    expect(pages).toContain('due 2027-01-15');
    expect(pages).toContain('=Exported from IAM');
    expect(pages).toMatch(/PBC-002[\s\S]*Returned[\s\S]*Show the date[\s\S]*PBC-003/);
    for (const path of paths) expect(pages).toContain(path);
    const csv = readFileSync(join(dir, 'requests.csv'), 'utf8');
    expect(csv).toContain('PBC-003,Provide the latest access review and its sign-off,CC6.2,2027-01-22,IT,Open');
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    expect(manifest.documents.map((d: { path: string }) => d.path)).toEqual(
      expect.arrayContaining(['requests.csv', 'requests.xlsx']),
    );
    // An export renders index.pdf in a child process: slow on a loaded machine.
  }, 120_000);
});
