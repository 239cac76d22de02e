import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { verifyBundle } from '../../../main/services/export/verify';
import { scenarioWorkspace, type Scenario } from './scenario';

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

function zipOf(entries: [string, Buffer | string][]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, data] of entries) zip.addBuffer(Buffer.from(data), name, { compress: false });
  zip.end();
  const chunks: Buffer[] = [];
  return new Promise((done, fail) => {
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('end', () => done(Buffer.concat(chunks)));
    zip.outputStream.on('error', fail);
  });
}

/** Rewrites every occurrence of a name in the ZIP's headers (same length), as an attacker would. */
const rename = (zip: Buffer, from: string, to: string) => {
  expect(from.length).toBe(to.length);
  let out = zip;
  let at = out.indexOf(from);
  while (at >= 0) {
    out = Buffer.concat([out.subarray(0, at), Buffer.from(to), out.subarray(at + from.length)]);
    at = out.indexOf(from, at + 1);
  }
  return out;
};

describe('verify', () => {
  let s: Scenario;
  let dir: string;
  let good: Buffer;

  beforeAll(async () => {
    s = await scenarioWorkspace();
    const out = join(dirname(s.folder), 'good.zip');
    await s.services.exports.run({ outPath: out });
    good = readFileSync(out);
    dir = mkdtempSync(join(tmpdir(), 'aw-verify-'));
  }, 60_000);
  afterAll(() => s.services.workspaces.close());

  const save = (name: string, bytes: Buffer) => {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    return path;
  };

  it('rejects a crafted ZIP with ../ entries without extracting anything', async () => {
    const sums = `${sha('owned')}  xx/xx/escape.txt\n`;
    const crafted = rename(
      await zipOf([
        ['xx/xx/escape.txt', 'owned'],
        ['SHA256SUMS', sums],
      ]),
      'xx/xx/escape.txt',
      '../../escape.txt',
    );
    const path = save('slip.zip', crafted);
    const before = readdirSync(dirname(dir));
    const report = await verifyBundle(path);
    expect(report.ok).toBe(false);
    expect(report.problems.join('\n')).toMatch(/Unsafe entry "\.\.\/\.\.\/escape\.txt": it climbs out of the bundle/);
    expect(readdirSync(dirname(dir))).toEqual(before);
  });

  it('rejects absolute paths and control characters in entry names', async () => {
    const crafted = rename(
      await zipOf([
        ['xetc/passwd', 'x'],
        ['bad\u0001name.txt', 'y'],
      ]),
      'xetc/passwd',
      '/etc/passwd',
    );
    const report = await verifyBundle(save('absolute.zip', crafted));
    const text = report.problems.join('\n');
    expect(text).toContain('is an absolute path');
    expect(text).toContain('contains control characters');
  });

  it('the CLI exits 0 for a good bundle and 1 for a tampered one, naming the file', async () => {
    const cli = join(__dirname, '../../../main/cli.ts');
    const tsx = join(__dirname, '../../../node_modules/.bin/tsx');
    const goodPath = save('good.zip', good);
    expect(execFileSync(tsx, [cli, 'verify', goodPath], { encoding: 'utf8' })).toContain('OK: every file matches');

    // Flip one byte of the stored PNG inside the ZIP.
    const png = s.records.find((r) => r.kind === 'screenshot')!;
    const original = readFileSync(s.services.workspaces.require().evidence.filePath(png.sha256));
    const at = good.indexOf(original.subarray(200, 260));
    expect(at).toBeGreaterThan(0);
    const bad = Buffer.from(good);
    bad.writeUInt8(bad.readUInt8(at + 10) ^ 0xff, at + 10);
    let output = '';
    let status = 0;
    try {
      execFileSync(tsx, [cli, 'verify', save('bad.zip', bad)], { encoding: 'utf8' });
    } catch (e) {
      output = (e as { stdout: string }).stdout;
      status = (e as { status: number }).status;
    }
    expect(status).toBe(1);
    expect(output).toContain('FAILED');
    expect(output).toMatch(
      /evidence\/iam-password-policy\/ev_[a-z0-9]+-iam-account-settings-2026-12\.png is damaged inside the ZIP/,
    );
    expect(output).toContain('does not match SHA256SUMS');
  }, 30_000);

  it('catches a file replaced together with its SHA256SUMS line, through manifest.json', async () => {
    const work = mkdtempSync(join(tmpdir(), 'aw-rezip-'));
    execFileSync('unzip', ['-q', save('re.zip', good), '-d', work]);
    const txt = readdirSync(join(work, 'evidence', 'access-reviews'))[0]!;
    const rel = `evidence/access-reviews/${txt}`;
    writeFileSync(join(work, rel), 'Access review, Q4 2026: nothing to see.\n');
    const sums = readFileSync(join(work, 'SHA256SUMS'), 'utf8').replace(
      /^[a-f0-9]{64}(?= {2}evidence\/access-reviews)/m,
      sha(readFileSync(join(work, rel))),
    );
    writeFileSync(join(work, 'SHA256SUMS'), sums);
    execFileSync('sha256sum', ['-c', '--quiet', 'SHA256SUMS'], { cwd: work });
    const rezipped = join(dir, 'rezipped.zip');
    execFileSync('zip', ['-q', '-r', rezipped, '.'], { cwd: work });
    const report = await verifyBundle(rezipped);
    expect(report.ok).toBe(false);
    expect(report.problems.join('\n')).toContain(`(${rel}) does not match the SHA-256 recorded when it was captured`);
  });

  it('reports a file that is not a ZIP at all', async () => {
    const report = await verifyBundle(save('notzip.zip', Buffer.from('hello')));
    expect(report.ok).toBe(false);
    expect(report.problems[0]).toContain('is not a readable ZIP file');
  });
});
