import { createHandlers } from '../../../main/ipc/handlers';
import { createRouter } from '../../../main/ipc/router';
import { silentLogger } from '../../../main/services/logger';
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_MARK } from '../../../shared/domain/workspace';
import { verifyBundle } from '../../../main/services/export/verify';
import { SAMPLE_PRODUCTION } from '../../../main/sandbox/aws-endpoint/scenarios/sample-company';
import { refusal, tempDir, testServices } from '../helpers/services';

const root = resolve(__dirname, '../../..');
const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
const run = (cmd: string, args: string[], cwd?: string) =>
  execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: 'pipe' });

/** What a forger does after editing an extracted bundle: rebuilds SHA256SUMS so `sha256sum -c` passes, and zips it. */
function rebuild(folder: string, out: string): string {
  const sums = run('find', ['.', '-type', 'f', '!', '-name', 'SHA256SUMS'], folder)
    .trim()
    .split('\n')
    .map((f) => f.slice(2))
    .sort()
    .map((f) => `${sha(readFileSync(join(folder, f)))}  ${f}\n`)
    .join('');
  writeFileSync(join(folder, 'SHA256SUMS'), sums);
  run('zip', ['-q', '-r', '-X', out, '.'], folder);
  return out;
}

const unzipped = (zip: string) => {
  const dir = mkdtempSync(join(tmpdir(), 'aw-sample-unzipped-'));
  run('unzip', ['-q', zip, '-d', dir]);
  return dir;
};

describe('the sample company', () => {
  const ctx = testServices();
  const { services } = ctx;
  const folder = join(tempDir('aw-sample-'), 'Sample company');
  const homeBefore = process.env.HOME;
  let zip: string;
  let seal: string;
  let dir: string;

  beforeAll(async () => {
    await services.sample.create(folder);
    zip = join(dirname(folder), 'sample bundle.zip');
    const exported = await services.exports.run({ outPath: zip });
    seal = exported.seal;
    dir = unzipped(zip);
  }, 120_000);
  afterAll(() => services.workspaces.close());

  it('is a workspace signed in to its sandbox, with a team, owners, statuses and findings that pass, fail and need review', async () => {
    const snapshot = services.workspaces.snapshot();
    expect(snapshot.meta.sample).toBe(true);
    expect(snapshot.members.length).toBeGreaterThanOrEqual(4);
    expect(services.sample.sandboxUrl()).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const identity = await services.aws.whoami(snapshot.meta.aws.profile!);
    expect(identity.accountId).toBe(SAMPLE_PRODUCTION);
    const latest = await services.sample.runChecks();
    const results = new Set(latest.checks.map((c) => c.result));
    expect([...results].sort()).toEqual(expect.arrayContaining(['fail', 'needs_review', 'pass']));
    // Every service the sandbox answers is read, S3 Control's `<account>.` host prefix included.
    expect(latest.checks.filter((c) => c.result === 'error').map((c) => `${c.checkId}: ${c.summary}`)).toEqual([]);
    // What the Checks screen shows: the stored findings of every check.
    const stored = await services.checks.latest();
    const routed = await createRouter({
      handlers: createHandlers(services),
      isTrustedSender: () => true,
      logger: silentLogger,
    }).invoke('checks.latest', undefined, { url: 'app://renderer/index.html', isMainFrame: true });
    expect(routed).toMatchObject({ ok: true });
    // One latest finding per check and account in scope: both of the sample's accounts.
    expect(stored.map((l) => `${l.checkId} ${l.account?.id}`).sort()).toEqual(
      latest.checks.map((c) => `${c.checkId} ${c.accountId}`).sort(),
    );
    const statuses = new Set(Object.values(services.workspaces.require().controls.controls).map((c) => c.status));
    expect(statuses.size).toBeGreaterThanOrEqual(3);
  });

  it('can never be switched to a real AWS profile', async () => {
    const refused = await refusal(services.awsWorkspace.setProfile('audit'));
    expect(refused.code).toBe('SAMPLE_WORKSPACE');
    expect(services.workspaces.require().meta.aws.profile).toBe('sample-company');
  });

  it('exports a bundle that says SAMPLE, NOT EVIDENCE on the cover, every page, the manifest, README.txt and index.html', async () => {
    const pages = run('pdftotext', ['-layout', join(dir, 'index.pdf'), '-'])
      .split('\f')
      .filter((p) => p.trim());
    expect(pages.length).toBeGreaterThan(3);
    expect(pages[0]).toContain(SAMPLE_MARK);
    for (const [i, page] of pages.entries())
      expect(page, `page ${i + 1}`).toMatch(/SAMPLE, NOT EVIDENCE\s+·\s+Page \d+ of \d+/);
    expect(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')).sample).toBe(true);
    expect(readFileSync(join(dir, 'README.txt'), 'utf8').startsWith(SAMPLE_MARK)).toBe(true);
    expect(readFileSync(join(dir, 'index.html'), 'utf8')).toContain(`<strong>${SAMPLE_MARK}</strong>`);
    const report = await verifyBundle(zip);
    expect(report).toMatchObject({ ok: true, sample: true });
  });

  it('verify prints that it is a sample', () => {
    const out = spawnSync(process.execPath, ['--import', 'tsx', 'main/cli.ts', 'verify', zip], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(out.status).toBe(0);
    expect(out.stdout).toContain(`${SAMPLE_MARK}: a sample company's bundle`);
  });

  it('cannot pass as a real bundle: dropping the manifest flag, or the words, fails verify, and stripping all of them fails the seal', async () => {
    const manifestPath = (d: string) => join(d, 'manifest.json');
    const unflag = (d: string) => {
      const manifest = JSON.parse(readFileSync(manifestPath(d), 'utf8'));
      delete manifest.sample;
      writeFileSync(manifestPath(d), `${JSON.stringify(manifest, null, 2)}\n`);
      return sha(readFileSync(manifestPath(d)));
    };
    const refingerprint = (d: string, fingerprint: string) => {
      const old = sha(readFileSync(join(dir, 'manifest.json')));
      for (const f of ['README.txt', 'index.html'])
        writeFileSync(join(d, f), readFileSync(join(d, f), 'utf8').replaceAll(old, fingerprint));
    };

    const onlyFlag = unzipped(zip);
    refingerprint(onlyFlag, unflag(onlyFlag));
    const flagReport = await verifyBundle(rebuild(onlyFlag, join(tempDir(), 'unflagged.zip')));
    expect(flagReport.ok).toBe(false);
    expect(flagReport.problems).toContain(
      `README.txt says ${SAMPLE_MARK}, but manifest.json does not mark the bundle as a sample.`,
    );

    const onlyWords = unzipped(zip);
    const readme = join(onlyWords, 'README.txt');
    writeFileSync(readme, readFileSync(readme, 'utf8').replaceAll(SAMPLE_MARK, 'SOC 2 evidence'));
    const wordsReport = await verifyBundle(rebuild(onlyWords, join(tempDir(), 'unworded.zip')));
    expect(wordsReport.problems).toContain(
      `manifest.json marks a sample company's bundle, but README.txt does not say ${SAMPLE_MARK}.`,
    );

    const everything = unzipped(zip);
    refingerprint(everything, unflag(everything));
    for (const f of ['README.txt', 'index.html'])
      writeFileSync(join(everything, f), readFileSync(join(everything, f), 'utf8').replaceAll(SAMPLE_MARK, 'EVIDENCE'));
    const forged = await verifyBundle(rebuild(everything, join(tempDir(), 'forged.zip')), { expectedSeal: seal });
    expect(forged.sealMatches).toBe(false);
    expect(forged.ok).toBe(false);
  });

  it('stops its sandbox and gives the AWS environment back when the workspace closes', async () => {
    const url = services.sample.sandboxUrl()!;
    await services.workspaces.close();
    expect(services.sample.sandboxUrl()).toBeNull();
    expect(process.env.HOME).toBe(homeBefore);
    await expect(fetch(url, { signal: AbortSignal.timeout(3_000) })).rejects.toThrow();
    // Opened again, it gets a new sandbox and is signed in to it, still without a browser step.
    await services.workspaces.open(folder);
    expect(services.sample.sandboxUrl()).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await services.aws.whoami('sample-company')).accountId).toBe(SAMPLE_PRODUCTION);
  });
});
