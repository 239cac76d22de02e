import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { main } from '../../../main/cli';
import { verifyBundle } from '../../../main/services/export/verify';
import { createTestWorkspace, tempDir } from '../helpers/services';
import { tinyPng, write } from '../evidence/files';

const DETAILS = { title: 'Root MFA', effectiveDate: '2026-11-20', controlIds: ['iam-root-account'] };
const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

/** A workspace with two records and a third, deleted on disk, withdrawn with a reason; exported once. */
async function exported() {
  const ctx = await createTestWorkspace();
  const dir = tempDir();
  const imported = [];
  for (const seed of [1, 2, 3])
    imported.push(
      await ctx.services.imports.importFile(
        write(dir, `${seed}.png`, tinyPng(seed)),
        `${seed}.png`,
        DETAILS,
        'file picker',
      ),
    );
  const [a, b, gone] = imported as [(typeof imported)[0], (typeof imported)[0], (typeof imported)[0]];
  const goneRecord = join(ctx.folder, 'evidence', 'records', `${gone.id}.json`);
  chmodSync(goneRecord, 0o644);
  execFileSync('rm', [goneRecord]);
  await ctx.services.evidence.withdraw(gone.id, 'Record deleted by mistake; recaptured as the other two');
  const logBefore = readFileSync(join(ctx.folder, 'activity.jsonl'), 'utf8');
  const out = join(dirname(ctx.folder), 'chain.zip');
  await ctx.services.exports.run({ outPath: out });
  const unpacked = join(dir, 'unpacked');
  execFileSync('unzip', ['-q', out, '-d', unpacked]);
  return { ...ctx, a, b, gone, out, unpacked, logBefore, dir };
}

const listFiles = (root: string, at = root): string[] =>
  readdirSync(at).flatMap((n) => {
    const p = join(at, n);
    return statSync(p).isDirectory() ? listFiles(root, p) : [relative(root, p)];
  });

/** Zips a folder back up, as someone who changed a file of the bundle would. */
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

const lines = (text: string) => text.split('\n').filter(Boolean);

describe('the bundle carries the chain', () => {
  it('ships activity.jsonl and each record hash the log sealed, lists the withdrawn record, and verify recomputes them from the bundle alone (also by hand, as README.txt says)', async () => {
    const { a, b, gone, out, unpacked, logBefore, services } = await exported();
    try {
      const manifest = JSON.parse(readFileSync(join(unpacked, 'manifest.json'), 'utf8'));
      const shipped = readFileSync(join(unpacked, 'activity.jsonl'), 'utf8');
      expect(shipped).toBe(logBefore);
      const sealed = new Map(
        lines(shipped)
          .map((l) => JSON.parse(l))
          .filter((l) => l.action === 'evidence.added')
          .map((l) => [l.details.evidenceId, l.details.recordSha256]),
      );
      expect(manifest.evidence.map((e: { id: string }) => e.id).sort()).toEqual([a.id, b.id].sort());
      for (const e of manifest.evidence) expect(e.recordSha256).toBe(sealed.get(e.id));
      expect(manifest.withdrawn).toEqual([
        expect.objectContaining({
          id: gone.id,
          title: 'Root MFA',
          recordSha256: sealed.get(gone.id),
          reason: 'Record deleted by mistake; recaptured as the other two',
          by: expect.objectContaining({ email: 'dana@acme.example' }),
        }),
      ]);
      expect(manifest.activity).toEqual({
        path: 'activity.jsonl',
        lines: lines(shipped).length,
        sha256: sha(lines(shipped).at(-1)!),
      });
      expect(readFileSync(join(unpacked, 'SHA256SUMS'), 'utf8')).toContain(`${sha(shipped)}  activity.jsonl\n`);

      const report = await verifyBundle(out);
      expect(report.problems).toEqual([]);
      expect(report.chain).toEqual({ lines: lines(shipped).length, records: 2, withdrawn: 1, retired: 0 });

      // README.txt's own commands, run with the shell in the unpacked bundle.
      const readme = readFileSync(join(unpacked, 'README.txt'), 'utf8');
      const recordCommand = /^\s+(jq -cS .*)$/m.exec(readme)?.[1];
      const lineCommand = /^\s+(sed -n .*)$/m.exec(readme)?.[1];
      expect(recordCommand).toBeDefined();
      expect(lineCommand).toBeDefined();
      const recordHash = execFileSync('sh', ['-c', recordCommand!.replaceAll('ID', a.id)], {
        cwd: unpacked,
        encoding: 'utf8',
      });
      expect(recordHash.split(' ')[0]).toBe(sealed.get(a.id));
      const lineHash = execFileSync('sh', ['-c', lineCommand!.replaceAll('N', '3')], {
        cwd: unpacked,
        encoding: 'utf8',
      });
      expect(lineHash.split(' ')[0]).toBe(JSON.parse(lines(shipped)[3]!).prevSha256);
    } finally {
      await services.workspaces.close();
    }
  }, 120_000);

  it('a one-byte edit of a record, a deleted log line and a reordered log line each fail verify, naming the record or the first line', async () => {
    const { a, unpacked, dir, services } = await exported();
    try {
      /** A copy of the unpacked bundle with one file changed, zipped again. */
      const edit = (name: string, file: string, change: (text: string) => string) => {
        const folder = join(dir, name);
        execFileSync('cp', ['-r', unpacked, folder]);
        writeFileSync(join(folder, file), change(readFileSync(join(folder, file), 'utf8')));
        return rezip(folder, join(dir, `${name}.zip`));
      };

      // One byte of one record in manifest.json: "Root MFA" becomes "Root MFB".
      const recordEdited = await verifyBundle(
        await edit('record', 'manifest.json', (t) => {
          const i = t.indexOf('"title": "Root MFA"', t.indexOf(`"id": "${a.id}"`));
          expect(i).toBeGreaterThan(0);
          return `${t.slice(0, i + 17)}B${t.slice(i + 18)}`;
        }),
      );
      expect(recordEdited.ok).toBe(false);
      expect(recordEdited.problems.join('\n')).toMatch(
        new RegExp(
          `Evidence ${a.id} \\("Root MFB"\\) does not match the record line \\d+ of activity\\.jsonl sealed: its field title differs`,
        ),
      );

      const deleted = await verifyBundle(
        await edit(
          'deleted',
          'activity.jsonl',
          (t) =>
            lines(t)
              .filter((_, i) => i !== 2)
              .join('\n') + '\n',
        ),
      );
      expect(deleted.ok).toBe(false);
      expect(deleted.problems.join('\n')).toMatch(
        /activity\.jsonl does not verify: Line 3 of activity\.jsonl does not follow line 2/,
      );

      const reordered = await verifyBundle(
        await edit('reordered', 'activity.jsonl', (t) => {
          const l = lines(t);
          [l[1], l[2]] = [l[2]!, l[1]!];
          return `${l.join('\n')}\n`;
        }),
      );
      expect(reordered.ok).toBe(false);
      expect(reordered.problems.join('\n')).toMatch(
        /activity\.jsonl does not verify: Line 2 of activity\.jsonl does not follow line 1/,
      );

      // The CLI says the same, and exits 1.
      const out: string[] = [];
      const code = await main(['verify', join(dir, 'deleted.zip')], {
        out: (t) => out.push(t),
        err: (t) => out.push(t),
      });
      expect(code).toBe(1);
      expect(out.join('\n')).toMatch(/Line 3 of activity\.jsonl does not follow line 2/);
    } finally {
      await services.workspaces.close();
    }
  }, 180_000);

  it('the CLI prints what it recomputed for a good bundle', async () => {
    const { out, services, logBefore } = await exported();
    try {
      const printed: string[] = [];
      const code = await main(['verify', out], { out: (t) => printed.push(t), err: (t) => printed.push(t) });
      expect(code).toBe(0);
      expect(printed.join('\n')).toContain(
        `the hash chain over its ${lines(logBefore).length} lines and the hashes of the 2 evidence records`,
      );
    } finally {
      await services.workspaces.close();
    }
  }, 120_000);
});
