import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../main/ipc/handlers';
import { createRouter } from '../../../main/ipc/router';
import { verifyBundle } from '../../../main/services/export/verify';
import { scenarioWorkspace, type Scenario } from './scenario';

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
const root = resolve(__dirname, '../../..');
const APP = { url: 'file:///app/out/renderer/index.html', isMainFrame: true };
const cli = (args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'main/cli.ts', ...args], { cwd: root, encoding: 'utf8' });

/** What someone who edits an extracted bundle does: rewrites SHA256SUMS so `sha256sum -c` passes, then zips it again. */
function rebuild(folder: string, out: string): string {
  const sums = execFileSync('find', ['.', '-type', 'f', '!', '-name', 'SHA256SUMS'], { cwd: folder, encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((f) => f.slice(2))
    .sort()
    .map((f) => `${sha(readFileSync(join(folder, f)))}  ${f}\n`)
    .join('');
  writeFileSync(join(folder, 'SHA256SUMS'), sums);
  execFileSync('sha256sum', ['-c', '--quiet', 'SHA256SUMS'], { cwd: folder });
  execFileSync('zip', ['-q', '-r', out, '.'], { cwd: folder });
  return out;
}

describe('the seal and the exact file set', () => {
  let s: Scenario;
  let zip: string;
  let seal: string;
  let dir: string;

  beforeAll(async () => {
    s = await scenarioWorkspace();
    zip = join(dirname(s.folder), 'sealed.zip');
    seal = (await s.services.exports.run({ outPath: zip })).seal;
    dir = mkdtempSync(join(tmpdir(), 'aw-seal-'));
  }, 60_000);
  afterAll(() => s.services.workspaces.close());

  /** The app's verify action, through the IPC router with its input validation. */
  const appVerify = (input: unknown) =>
    createRouter({
      handlers: createHandlers(s.services),
      isTrustedSender: () => true,
      logger: s.services.logger,
    }).invoke('export.verify', input, APP);

  const extracted = () => {
    const folder = mkdtempSync(join(dir, 'x-'));
    execFileSync('unzip', ['-q', zip, '-d', folder]);
    return folder;
  };

  it('the CLI export refuses a category outside the workspace scope and writes nothing, and says whom it names as preparer', () => {
    const out = join(dir, 'pi.zip');
    const refused = cli([
      'export',
      '--workspace',
      s.folder,
      '--out',
      out,
      '--categories',
      'security,processing_integrity',
    ]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain(
      "The workspace's scope does not include processing_integrity; it covers security, availability. Leave it out of --categories.",
    );
    expect(existsSync(out)).toBe(false);
    const written = cli(['export', '--workspace', s.folder, '--out', out, '--categories', 'security']);
    expect(written.status).toBe(0);
    expect(written.stderr).toContain("the workspace's creator; name yourself with --as");
  }, 60_000);

  it('is the SHA-256 of SHA256SUMS, and the activity log keeps it with the fingerprint', async () => {
    expect(seal).toBe(sha(execFileSync('unzip', ['-p', zip, 'SHA256SUMS'])));
    const { entries } = await s.services.workspaces.require().activity.read({ limit: 5 });
    const exported = entries.find((e) => e.action === 'bundle.exported');
    expect(exported?.details?.seal).toBe(seal);
    expect(exported?.summary).toContain(seal.slice(0, 16));
  });

  it('matches the bundle that was sent, through the app and the CLI', async () => {
    expect(await appVerify({ path: zip, seal: seal.toUpperCase() })).toMatchObject({
      ok: true,
      value: { ok: true, seal, sealMatches: true, problems: [] },
    });
    expect(await appVerify({ path: zip })).toMatchObject({ ok: true, value: { ok: true, seal, sealMatches: null } });
    const run = cli(['verify', zip, '--seal', seal]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('OK: the seal matches: this is exactly the bundle that was sent.');
  }, 30_000);

  it('catches index.html changed with SHA256SUMS rebuilt, which only the seal can', async () => {
    const folder = extracted();
    appendFileSync(join(folder, 'index.html'), '<!-- all controls passed -->');
    const edited = rebuild(folder, join(dir, 'edited-html.zip'));
    // Without the seal the bundle is consistent: nothing inside it can tell.
    const unsealed = await verifyBundle(edited);
    expect(unsealed.ok).toBe(true);
    expect(unsealed.sealMatches).toBeNull();
    expect(await appVerify({ path: edited, seal })).toMatchObject({
      ok: true,
      value: { ok: false, sealMatches: false },
    });
    const sealed = await verifyBundle(edited, { expectedSeal: seal });
    expect(sealed.ok).toBe(false);
    expect(sealed.sealMatches).toBe(false);
    expect(sealed.problems).toEqual([
      `This is not the bundle that was sent: its seal (SHA-256 of SHA256SUMS) is ${sealed.seal}, not the seal ${seal} you were given. A file was changed, added or removed after export; ask the sender for the bundle again.`,
    ]);
    const run = cli(['verify', edited, '--seal', seal]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('This is not the bundle that was sent');
    const plain = cli(['verify', edited]);
    expect(plain.status).toBe(0);
    expect(plain.stdout).toContain('Not checked: whether this is the bundle that was sent');
  }, 30_000);

  it('names files added anywhere or removed, even with SHA256SUMS rebuilt', async () => {
    const folder = extracted();
    writeFileSync(join(folder, 'notes.txt'), 'added later');
    writeFileSync(join(folder, 'evidence', 'extra.json'), '{}');
    rmSync(join(folder, 'manifest.schema.json'));
    mkdirSync(join(folder, 'junk'));
    const report = await verifyBundle(rebuild(folder, join(dir, 'added.zip')));
    expect(report.ok).toBe(false);
    expect(report.problems.sort()).toEqual(
      [
        'manifest.schema.json is missing from the bundle.',
        'notes.txt is not part of the bundle: the export never writes it and manifest.json does not list it. It was added after export.',
        'evidence/extra.json is not part of the bundle: the export never writes it and manifest.json does not list it. It was added after export.',
        'The empty folder junk/ is not part of the bundle; it was added after export.',
      ].sort(),
    );
  });

  it('refuses a malformed seal on the command line and in the app', async () => {
    const run = cli(['verify', zip, '--seal', 'abc123']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--seal "abc123" is not a seal');
    const app = await appVerify({ path: zip, seal: 'abc123' });
    expect(app).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(JSON.stringify(app)).toContain('A seal is the 64 hexadecimal characters the export printed');
  }, 30_000);
});
