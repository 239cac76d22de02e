import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSha256 } from '../../../main/services/reviews/review-kernel';
import { verifyBundle } from '../../../main/services/export/verify';
import { parsePublicKey } from '../../../main/services/signing/public-key';
import { AwsReportReviewDoc } from '../../../shared/domain/aws-report-review';
import { reviewDraftOf } from '../../../shared/rules/aws-report-review';
import { makeKey, tempKeyDir, type TestKey } from '../../fixtures/ssh-keys';
import { createTestWorkspace, tempDir, testServices } from '../helpers/services';
import { signAwsReview } from './scenario';

/**
 * The bundle ships each sign-off signed with an SSH key (statement, signature, content,
 * allowed_signers) so the auditor checks it with the system's ssh-keygen, README.txt gives the
 * commands, and verify checks them; a forged sign-off ships as NOT SIGNED; a key-less one is
 * worded "recorded by NAME, not signed with a key". Real workspace, export, unzip and ssh-keygen.
 */

const keys = tempKeyDir();
let dana: TestKey;
beforeAll(() => {
  dana = makeKey(keys.dir, 'id_dana', { comment: 'dana@acme.example' });
});
afterAll(() => keys.remove());

const extract = (zip: string) => {
  const folder = mkdtempSync(join(tempDir('aw-signoff-x-'), 'x-'));
  execFileSync('unzip', ['-q', zip, '-d', folder]);
  return folder;
};
/** The sign-off commands README.txt gives, run as the auditor runs them, in the extracted folder. */
function readmeSignOffCommands(folder: string): string[] {
  const readme = readFileSync(join(folder, 'README.txt'), 'utf8');
  return [...readme.matchAll(/^\s+(ssh-keygen -Y verify -f sign-offs\/allowed_signers .*\.statement\.json)\r?$/gm)].map(
    (m) => m[1]!,
  );
}
const sh = (folder: string, command: string) =>
  spawnSync('sh', ['-c', command], { cwd: folder, encoding: 'utf8', timeout: 20_000 });

async function exported(ctx: Awaited<ReturnType<typeof createTestWorkspace>>, name: string) {
  const zip = join(dirname(ctx.folder), name);
  await ctx.services.exports.run({ outPath: zip });
  return zip;
}

describe('sign-offs in the bundle', () => {
  it("ships a key-signed sign-off that the system's ssh-keygen verifies with README's command, and fails after a one-byte change", async () => {
    const ctx = await createTestWorkspace();
    await signAwsReview(ctx.services, { sign: false });
    await ctx.services.awsReport.sign({ source: 'file', path: dana.path });
    const zip = await exported(ctx, 'signed-off.zip');
    const report = await verifyBundle(zip);
    expect(report.problems).toEqual([]);
    expect(report.signOffsVerified).toBe(1);
    const folder = extract(zip);
    const fingerprint = parsePublicKey(dana.publicKey)!.fingerprint;
    const commands = readmeSignOffCommands(folder);
    expect(commands).toEqual([
      'ssh-keygen -Y verify -f sign-offs/allowed_signers -I dana@acme.example -n audit-signoff -s sign-offs/aws-report-review.sig < sign-offs/aws-report-review.statement.json',
    ]);
    const good = sh(folder, commands[0]!);
    expect(good.status).toBe(0);
    expect(good.stdout).toContain(
      `Good "audit-signoff" signature for dana@acme.example with ED25519 key ${fingerprint}`,
    );
    // The content shipped is what the statement's hash names.
    const statement = JSON.parse(readFileSync(join(folder, 'sign-offs/aws-report-review.statement.json'), 'utf8'));
    const content = readFileSync(join(folder, 'sign-offs/aws-report-review.content.json'));
    expect(createHash('sha256').update(content).digest('hex')).toBe(statement.contentSha256);
    // index.html and the manifest say who signed with which key.
    const html = readFileSync(join(folder, 'index.html'), 'utf8');
    expect(html).toContain(`with ED25519 key ${fingerprint}`);
    const manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8'));
    expect(manifest.signOffs).toEqual([
      expect.objectContaining({
        kind: 'aws-report-review',
        fingerprint,
        by: { name: 'Dana Founder', email: 'dana@acme.example' },
      }),
    ]);
    // One byte of the statement changed: ssh-keygen refuses it.
    const path = join(folder, 'sign-offs/aws-report-review.statement.json');
    writeFileSync(path, readFileSync(path, 'utf8').replace('"Dana Founder"', '"Dana Foundes"'));
    const bad = sh(folder, commands[0]!);
    expect(bad.status).not.toBe(0);
    expect(bad.stdout).not.toContain('Good');
    await ctx.services.workspaces.close();
  });

  it('verify refuses a bundle whose sign-off content no longer matches the signed statement, even with SHA256SUMS and the manifest rebuilt', async () => {
    const ctx = await createTestWorkspace();
    await signAwsReview(ctx.services, { sign: false });
    await ctx.services.awsReport.sign({ source: 'file', path: dana.path });
    const zip = await exported(ctx, 'signed-off-2.zip');
    await ctx.services.workspaces.close();
    const folder = extract(zip);
    const contentPath = 'sign-offs/aws-report-review.content.json';
    writeFileSync(
      join(folder, contentPath),
      readFileSync(join(folder, contentPath), 'utf8').replace('"reliance":"rely"', '"reliance":"do_not_rely"'),
    );
    // Whoever edits it also rebuilds the manifest's hash and SHA256SUMS, as anyone can.
    const manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8'));
    const sha = (p: string) =>
      createHash('sha256')
        .update(readFileSync(join(folder, p)))
        .digest('hex');
    for (const d of manifest.documents) if (d.path === contentPath) d.sha256 = sha(contentPath);
    writeFileSync(join(folder, 'manifest.json'), JSON.stringify(manifest, null, 2));
    const sums = readFileSync(join(folder, 'SHA256SUMS'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const file = line.slice(66);
        return `${sha(file)}  ${file}`;
      })
      .join('\n');
    writeFileSync(join(folder, 'SHA256SUMS'), `${sums}\n`);
    const out = join(dirname(folder), 'edited.zip');
    execFileSync('zip', ['-q', '-r', '-X', out, '.'], { cwd: folder });
    const report = await verifyBundle(out);
    expect(report.ok).toBe(false);
    expect(report.problems).toContainEqual(
      expect.stringMatching(
        /^The sign-off of the review of AWS's SOC 2 report by Dana Founder: sign-offs\/aws-report-review\.content\.json hashes to [0-9a-f]{64}, not the contentSha256/,
      ),
    );
  });

  it('a hand-edited signed block with a recomputed contentSha256 ships as NOT SIGNED, with no signature', async () => {
    const ctx = await createTestWorkspace();
    await signAwsReview(ctx.services, { sign: false });
    await ctx.services.awsReport.sign({ source: 'file', path: dana.path });
    await ctx.services.workspaces.close();
    const file = join(ctx.folder, 'aws-report-review.json');
    const raw = JSON.parse(readFileSync(file, 'utf8'));
    raw.conclusion.followUps = 'None.';
    raw.signed.by = { name: 'Chief Financial Officer', email: 'cfo@acme.example' };
    raw.signed.contentSha256 = contentSha256(reviewDraftOf(AwsReportReviewDoc.parse(raw)));
    writeFileSync(file, JSON.stringify(raw, null, 2));
    const again = testServices({ userDataDir: ctx.userDataDir });
    await again.services.workspaces.open(ctx.folder);
    const zip = join(dirname(ctx.folder), 'forged.zip');
    await again.services.exports.run({ outPath: zip });
    await again.services.workspaces.close();
    const report = await verifyBundle(zip);
    expect(report.problems).toEqual([]);
    expect(report.signOffsVerified).toBe(0);
    const folder = extract(zip);
    const manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8'));
    expect(manifest.awsReportReview).toMatchObject({ status: 'draft', signed: null });
    expect(manifest.awsReportReview.signatureProblems[0]).toMatch(/^Forged sign-off: it names Chief Financial Officer/);
    expect(manifest.signOffs).toBeUndefined();
    expect(manifest.documents.some((d: { path: string }) => d.path.startsWith('sign-offs/'))).toBe(false);
    const html = readFileSync(join(folder, 'index.html'), 'utf8');
    expect(html).toContain('NOT SIGNED — the sign-off is forged');
    expect(html).not.toContain('Signed by Chief Financial Officer');
    const pdf = execFileSync('pdftotext', [join(folder, 'index.pdf'), '-'], { encoding: 'utf8' });
    expect(pdf).toContain('NOT SIGNED — the sign-off is forged');
    const readme = readFileSync(join(folder, 'README.txt'), 'utf8');
    expect(readme).toContain(
      "Review of AWS's SOC 2 report: not signed: the sign-off naming Chief Financial Officer is forged",
    );
  });

  it('a sign-off without a key is worded "recorded by NAME, not signed with a key" in index.html, index.pdf and README.txt', async () => {
    const ctx = await createTestWorkspace();
    await signAwsReview(ctx.services);
    const zip = await exported(ctx, 'recorded.zip');
    await ctx.services.workspaces.close();
    const folder = extract(zip);
    const today = new Date().toISOString().slice(0, 10);
    const html = readFileSync(join(folder, 'index.html'), 'utf8');
    expect(html).toMatch(/Recorded by Dana Founder \(dana@acme\.example\) on [\d-]+ [\d:]+ UTC, not signed with a key/);
    expect(html).not.toMatch(/Signed by Dana/);
    const pdf = execFileSync('pdftotext', [join(folder, 'index.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(pdf).toContain('Recorded by Dana Founder (dana@acme.example)');
    expect(pdf).toContain('not signed with a key');
    const readme = readFileSync(join(folder, 'README.txt'), 'utf8');
    expect(readme).toContain(
      `Review of AWS's SOC 2 report: recorded by Dana Founder on ${today}, not signed with a key`,
    );
    expect(readme).toContain('(this bundle has none).');
    expect(readmeSignOffCommands(folder)).toEqual([]);
    const manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8'));
    expect(manifest.signOffs).toBeUndefined();
  });
});
