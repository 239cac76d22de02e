import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyBundle } from '../../../main/services/export/verify';
import type { Finding } from '../../../shared/domain/findings';
import { createTestWorkspace, DANA, tempDir } from '../helpers/services';
import { AWS, finding } from './scenario';

const CHECK = 'iam.root-mfa';
const CONTROL = 'iam-root-account';

/** One run of the check as the checks service stores it: the raw response and its findings, sharing a run id. */
async function run(
  ctx: Awaited<ReturnType<typeof createTestWorkspace>>,
  runId: string,
  day: string,
  result: Finding['result'],
) {
  const ws = ctx.services.workspaces.require();
  const at = `2026-12-${day}T10:00:00.000Z`;
  const raw = await ws.evidence.addBytes(
    JSON.stringify({ SummaryMap: { AccountMFAEnabled: result === 'pass' ? 1 : 0 }, run: runId }),
    {
      title: `IAM account summary (${runId})`,
      kind: 'api_snapshot',
      mediaType: 'application/json',
      fileName: `iam-account-summary-${runId}.json`,
      controlIds: [CONTROL],
      checkId: CHECK,
      runId,
      source: {
        type: 'aws_api',
        calls: [{ service: 'iam', operation: 'GetAccountSummary', requestId: `req-${runId}`, at }],
      },
      aws: AWS,
      capturedAt: at,
      effectiveDate: `2026-12-${day}`,
      capturedBy: DANA,
    },
  );
  const found = await ws.evidence.addBytes(
    JSON.stringify({ ...finding(CHECK, result), summary: `Root MFA ${result} in ${runId}` }),
    {
      title: `Findings: root MFA (${runId})`,
      kind: 'findings',
      mediaType: 'application/json',
      fileName: `iam-root-mfa-findings-${runId}.json`,
      controlIds: [CONTROL],
      checkId: CHECK,
      runId,
      source: { type: 'derived', from: [raw.id], rule: CHECK },
      aws: AWS,
      capturedAt: at.replace(':00.000Z', ':01.000Z'),
      effectiveDate: `2026-12-${day}`,
      capturedBy: DANA,
    },
  );
  return [raw, found] as const;
}

const between = (text: string, start: string, end: string) => {
  const i = text.indexOf(start);
  expect(i).toBeGreaterThanOrEqual(0);
  const j = text.indexOf(end, i + start.length);
  return text.slice(i, j < 0 ? undefined : j);
};

describe("a control's bundle page shows the latest run of each check", () => {
  it('index.html and index.pdf show the latest run on the control page; the earlier run ships and is listed in the evidence index', async () => {
    const ctx = await createTestWorkspace();
    const { services, folder } = ctx;
    try {
      const [oldRaw, oldFound] = await run(ctx, 'run_a1', '10', 'fail');
      const [newRaw, newFound] = await run(ctx, 'run_b2', '20', 'pass');
      const out = join(dirname(folder), 'latest.zip');
      await services.exports.run({ outPath: out });
      expect((await verifyBundle(out)).problems).toEqual([]);
      const dir = tempDir();
      execFileSync('unzip', ['-q', out, '-d', dir]);

      const html = readFileSync(join(dir, 'index.html'), 'utf8');
      const page = between(html, `<section id="c-${CONTROL}">`, '</section>');
      expect(page).toContain(newRaw.id);
      expect(page).toContain(newFound.id);
      expect(page).toContain('Root MFA pass in run_b2');
      expect(page).not.toContain(oldRaw.id);
      expect(page).not.toContain(oldFound.id);
      expect(page).not.toContain('Root MFA fail in run_a1');
      expect(page).toContain(
        '2 files of earlier runs of its checks are listed in the <a href="#evidence">evidence index</a>',
      );
      const index = between(html, '<section id="evidence">', '</section>');
      for (const id of [oldRaw.id, oldFound.id, newRaw.id, newFound.id]) expect(index).toContain(id);
      expect(between(index, oldFound.id, '</tr>')).toContain(
        'Earlier run: control pages show the latest run of each check.',
      );
      expect(between(index, newFound.id, '</tr>')).not.toContain('Earlier run');

      // Every file still ships, earlier runs included, and manifest.json lists them all under the control.
      const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
      const control = manifest.controls.find((c: { id: string }) => c.id === CONTROL);
      expect(control.evidenceIds.sort()).toEqual([oldRaw.id, oldFound.id, newRaw.id, newFound.id].sort());
      expect(control.findings.map((f: { evidenceId: string }) => f.evidenceId)).toEqual([newFound.id]);

      const pdf = execFileSync('pdftotext', ['-layout', join(dir, 'index.pdf'), '-'], { encoding: 'utf8' });
      const evidenceIndexAt = pdf.lastIndexOf('Evidence index');
      const pages = pdf.slice(0, evidenceIndexAt);
      expect(pages).toContain(newFound.id);
      expect(pages).not.toContain(oldFound.id);
      expect(pages).not.toContain(oldRaw.id);
      expect(pages).toMatch(/2 files of earlier runs of its checks are listed in the\s+evidence index/);
      expect(pdf.slice(evidenceIndexAt)).toContain(oldFound.id);
    } finally {
      await services.workspaces.close();
    }
  }, 180_000);
});
