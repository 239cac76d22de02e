import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { verifyBundle } from '../../../main/services/export/verify';
import { activityOnDisk, createTestWorkspace, refusal, tempDir } from '../helpers/services';
import { tinyPng, write } from './files';

const DETAILS = { title: 'Password policy', effectiveDate: '2026-11-20', controlIds: ['iam-password-policy'] };

/** A workspace with two screenshots, the first retired as superseded by the second. */
async function withRetired() {
  const ctx = await createTestWorkspace();
  const dir = tempDir();
  const wrong = await ctx.services.imports.importFile(write(dir, 'a.png', tinyPng(1)), 'a.png', DETAILS, 'file picker');
  const right = await ctx.services.imports.importFile(write(dir, 'b.png', tinyPng(2)), 'b.png', DETAILS, 'file picker');
  const retired = await ctx.services.evidence.retire(wrong.id, 'Shows the staging account; recaptured in production');
  return { ...ctx, dir, wrong, right, retired };
}

const listFiles = (root: string, at = root): string[] =>
  readdirSync(at).flatMap((n) => {
    const p = join(at, n);
    return statSync(p).isDirectory() ? listFiles(root, p) : [relative(root, p)];
  });

function rezip(folder: string, out: string): Promise<string> {
  const zip = new yazl.ZipFile();
  for (const name of listFiles(folder)) zip.addBuffer(readFileSync(join(folder, name)), name, { compress: false });
  zip.end();
  const chunks: Buffer[] = [];
  return new Promise((done, fail) => {
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('end', () => {
      writeFileSync(out, Buffer.concat(chunks));
      done(out);
    });
    zip.outputStream.on('error', fail);
  });
}

describe('retiring evidence that is wrong or superseded', () => {
  it('is logged with reason, who and when, keeps the record and its file, and shows Retired in the library', async () => {
    const { services, folder, wrong, retired } = await withRetired();
    try {
      expect(retired.recordStatus).toEqual({
        status: 'retired',
        reason: 'Shows the staging account; recaptured in production',
        by: { name: 'Dana Founder', email: 'dana@acme.example' },
        at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      });
      const line = activityOnDisk(folder).find((l) => l.action === 'evidence.retired');
      expect(line).toMatchObject({
        target: `evidence:${wrong.id}`,
        actor: { email: 'dana@acme.example' },
        details: { evidenceId: wrong.id, reason: 'Shows the staging account; recaptured in production' },
      });
      // Kept: the record and the file are still in the workspace, and the library lists it as retired.
      expect(readdirSync(join(folder, 'evidence', 'records'))).toContain(`${wrong.id}.json`);
      const listed = await services.evidence.list({ controlId: 'iam-password-policy' });
      expect(listed.map((i) => [i.id, i.recordStatus?.status ?? null])).toContainEqual([wrong.id, 'retired']);
      expect(listed.find((i) => i.id === wrong.id)!.integrity).toBe('ok');
      // Set once: a second retire, or a withdrawal, is refused and writes nothing.
      const lines = activityOnDisk(folder).length;
      expect((await refusal(services.evidence.retire(wrong.id, 'again'))).code).toBe('CONFLICT');
      expect(activityOnDisk(folder)).toHaveLength(lines);
    } finally {
      await services.workspaces.close();
    }
  }, 60_000);

  it('refuses damaged evidence: that is withdrawn, not retired', async () => {
    const { services, folder, right } = await withRetired();
    try {
      const record = join(folder, 'evidence', 'records', `${right.id}.json`);
      execFileSync('chmod', ['u+w', record]);
      writeFileSync(record, readFileSync(record, 'utf8').replace('Password policy', 'Password polici'));
      const refused = await refusal(services.evidence.retire(right.id, 'superseded'));
      expect(refused.code).toBe('INVALID_INPUT');
      expect(refused.message).toMatch(/tampered, so it is withdrawn, not retired/);
      expect(
        activityOnDisk(folder).some((l) => l.action === 'evidence.retired' && l.details.evidenceId === right.id),
      ).toBe(false);
    } finally {
      await services.workspaces.close();
    }
  }, 60_000);

  it('leaves the record out of the bundle, lists it in manifest.json as retired, verify passes, and an edited retired list fails verify', async () => {
    const { services, folder, dir, wrong, right } = await withRetired();
    try {
      const pre = await services.exports.preflight({});
      expect(pre.retired).toEqual([
        expect.objectContaining({ id: wrong.id, title: 'Password policy', by: 'Dana Founder' }),
      ]);
      expect(pre.withdrawn).toEqual([]);
      const out = join(dirname(folder), 'retired.zip');
      await services.exports.run({ outPath: out });
      const unpacked = join(dir, 'unpacked');
      execFileSync('unzip', ['-q', out, '-d', unpacked]);
      const manifestText = readFileSync(join(unpacked, 'manifest.json'), 'utf8');
      const manifest = JSON.parse(manifestText);
      expect(manifest.evidence.map((e: { id: string }) => e.id)).toEqual([right.id]);
      expect(manifest.retired).toEqual([
        expect.objectContaining({
          id: wrong.id,
          title: 'Password policy',
          reason: 'Shows the staging account; recaptured in production',
          by: { name: 'Dana Founder', email: 'dana@acme.example' },
        }),
      ]);
      expect(manifest.withdrawn).toEqual([]);
      // Not shipped as evidence: no file of it in the bundle, no line of it in SHA256SUMS or index.html's evidence.
      expect(listFiles(unpacked).filter((p) => p.includes(wrong.id))).toEqual([]);
      expect(readFileSync(join(unpacked, 'SHA256SUMS'), 'utf8')).not.toContain(wrong.sha256);
      expect(readFileSync(join(unpacked, 'README.txt'), 'utf8')).toContain(`1 record was retired`);

      const report = await verifyBundle(out);
      expect(report.problems).toEqual([]);
      expect(report.chain).toMatchObject({ retired: 1, withdrawn: 0 });

      // Someone removes the retired entry from manifest.json (and fixes SHA256SUMS so only the chain check can tell).
      const tampered = join(dir, 'tampered');
      execFileSync('cp', ['-r', unpacked, tampered]);
      const edited = `${JSON.stringify({ ...manifest, retired: [] }, null, 2)}\n`;
      writeFileSync(join(tampered, 'manifest.json'), edited);
      const verdict = await verifyBundle(await rezip(tampered, join(dir, 'tampered.zip')));
      expect(verdict.ok).toBe(false);
      expect(verdict.problems.join('\n')).toContain(
        `Evidence ${wrong.id} was retired at line ${manifest.retired[0].line} of activity.jsonl, but manifest.json does not list it as retired.`,
      );

      // Or changes its reason.
      const reasoned = join(dir, 'reasoned');
      execFileSync('cp', ['-r', unpacked, reasoned]);
      writeFileSync(
        join(reasoned, 'manifest.json'),
        manifestText.replace('Shows the staging account; recaptured in production', 'Never mind'),
      );
      const second = await verifyBundle(await rezip(reasoned, join(dir, 'reasoned.zip')));
      expect(second.problems.join('\n')).toContain(`manifest.json's retired entry for ${wrong.id} differs from line`);
    } finally {
      await services.workspaces.close();
    }
  }, 180_000);
});
