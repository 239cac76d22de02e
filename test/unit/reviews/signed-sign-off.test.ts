import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { contentSha256 } from '../../../main/services/reviews/review-kernel';
import { parsePublicKey } from '../../../main/services/signing/public-key';
import { reviewDraftOf } from '../../../shared/rules/aws-report-review';
import { awsReviewReadiness } from '../../../shared/rules/aws-report-standing';
import { reviewStands } from '../../../shared/rules/readiness';
import { signOffStatement } from '../../../shared/rules/reviews/sign-off-statement';
import { awsReportStatement } from '../../../main/services/reviews/aws-report-standing';
import { AwsReportReviewDoc } from '../../../shared/domain/aws-report-review';
import { draftOf, reviewedDraft, standInReportPdf } from '../../fixtures/aws-report-review';
import { makeKey, startAgent, tempKeyDir, type TestAgent } from '../../fixtures/ssh-keys';
import { createTestWorkspace, testServices } from '../helpers/services';

/**
 * Sign-offs that a hand edit cannot forge (issue 9, section 6): the review's sign-off is signed
 * with the person's SSH key (a key file, or a key ssh-agent holds) over a statement naming the
 * review, its content hash, who, when and the scope; every check is the system's ssh-keygen over
 * real files in temp folders, through the real workspace and review services.
 */

const keys = tempKeyDir();
const agents: TestAgent[] = [];
afterEach(async () => {
  while (agents.length) await agents.pop()!.stop();
});

async function readyReview(options: Parameters<typeof createTestWorkspace>[0] = {}) {
  const ctx = await createTestWorkspace(options);
  await ctx.services.awsReport.attachReportFile(standInReportPdf().path);
  await ctx.services.awsReport.save(reviewedDraft(draftOf(await ctx.services.awsReport.get())));
  return ctx;
}

const reviewFile = (folder: string) => join(folder, 'aws-report-review.json');
const stored = (folder: string) => JSON.parse(readFileSync(reviewFile(folder), 'utf8'));

/** Opens the workspace again in a new app, as after a restart: the signature is checked on open. */
async function reopen(folder: string, userDataDir: string) {
  const again = testServices({ userDataDir });
  await again.services.workspaces.open(folder);
  return again.services;
}

/** The system's ssh-keygen over the statement the app rebuilds, as an auditor would run it. */
function systemVerify(statement: string, email: string, publicKey: string, signature: string): boolean {
  const dir = tempKeyDir();
  try {
    writeFileSync(join(dir.dir, 'allowed_signers'), `${email} namespaces="audit-signoff" ${publicKey}\n`);
    writeFileSync(join(dir.dir, 'sig'), signature);
    execFileSync(
      'ssh-keygen',
      [
        '-Y',
        'verify',
        '-f',
        join(dir.dir, 'allowed_signers'),
        '-I',
        email,
        '-n',
        'audit-signoff',
        '-s',
        join(dir.dir, 'sig'),
      ],
      { input: statement, stdio: ['pipe', 'pipe', 'pipe'], timeout: 15_000 },
    );
    return true;
  } catch {
    return false;
  } finally {
    dir.remove();
  }
}

describe('sign-offs signed with an SSH key', () => {
  it('signs the AWS report review with a key file; the system ssh-keygen verifies the statement, and fails it after a one-byte change', async () => {
    const key = makeKey(keys.dir, 'id_file', { comment: 'dana@acme.example' });
    const { services, folder } = await readyReview();
    const view = await services.awsReport.sign({ source: 'file', path: key.path });
    const fingerprint = parsePublicKey(key.publicKey)!.fingerprint;
    expect(view.standing).toMatchObject({
      state: 'signed',
      signed: { by: { email: 'dana@acme.example' }, key: { keyType: 'ED25519', fingerprint } },
      forged: null,
    });
    const signed = stored(folder).signed;
    expect(signed.key).toMatchObject({ namespace: 'audit-signoff', fingerprint, keyType: 'ED25519' });
    expect(JSON.stringify(stored(folder))).not.toContain('PRIVATE KEY');
    const ws = services.workspaces.require();
    const statement = signOffStatement(awsReportStatement(signed, ws.meta.id));
    expect(JSON.parse(statement)).toMatchObject({
      kind: 'aws-report-review',
      workspace: ws.meta.id,
      contentSha256: signed.contentSha256,
      by: { name: 'Dana Founder', email: 'dana@acme.example' },
      scope: { asOfDate: '2026-12-31', categories: ['security', 'availability'] },
    });
    expect(systemVerify(statement, 'dana@acme.example', signed.key.publicKey, signed.key.signature)).toBe(true);
    const oneByte = statement.replace('"Dana Founder"', '"Dana Foundes"');
    expect(systemVerify(oneByte, 'dana@acme.example', signed.key.publicKey, signed.key.signature)).toBe(false);
    // The activity log names the key, the screens word it as a signature.
    expect(readFileSync(join(folder, 'activity.jsonl'), 'utf8')).toContain(`with ED25519 key ${fingerprint}`);
  });

  it('signs through ssh-agent: the private key never leaves it, and the sign-off verifies after a restart', async () => {
    const agent = await startAgent(keys.dir);
    agents.push(agent);
    const key = makeKey(keys.dir, 'id_agent');
    agent.add(key);
    const { services, folder, userDataDir } = await readyReview({ signing: { env: () => agent.env } });
    const publicKey = parsePublicKey(key.publicKey)!;
    const view = await services.awsReport.sign({ source: 'agent', publicKey: publicKey.line });
    expect(view.standing.signed?.key?.fingerprint).toBe(publicKey.fingerprint);
    await services.workspaces.close();
    await agent.stop();
    // Checking needs ssh-keygen only, not the agent.
    const again = await reopen(folder, userDataDir);
    const reopened = await again.awsReport.get();
    expect(reopened.standing.state).toBe('signed');
    expect(reopened.standing.signed?.key?.fingerprint).toBe(publicKey.fingerprint);
  });

  it('a hand-edited signed block with a recomputed contentSha256 is forged: unsigned for readiness, the pre-flight and the bundle', async () => {
    const key = makeKey(keys.dir, 'id_forge', { comment: 'dana@acme.example' });
    const { services, folder, userDataDir } = await readyReview();
    await services.awsReport.sign({ source: 'file', path: key.path });
    await services.workspaces.close();
    // The case: edit what the review concludes, then recompute the hash from the file, as anyone can.
    const doc = AwsReportReviewDoc.parse(stored(folder));
    const edited = { ...doc, conclusion: { ...doc.conclusion, followUps: 'None: everything is fine.' } };
    const forgedDoc = {
      ...stored(folder),
      conclusion: edited.conclusion,
      signed: {
        ...stored(folder).signed,
        by: { name: 'Chief Financial Officer', email: 'cfo@acme.example' },
        contentSha256: contentSha256(reviewDraftOf(edited)),
      },
    };
    writeFileSync(reviewFile(folder), JSON.stringify(forgedDoc, null, 2));
    const again = await reopen(folder, userDataDir);
    const view = await again.awsReport.get();
    expect(view.standing.state).toBe('signature_forged');
    expect(view.standing.signed).toBeNull();
    expect(view.standing.forged).toMatchObject({ by: { name: 'Chief Financial Officer' } });
    expect(view.standing.signatureProblems[0]).toMatch(
      /^Forged sign-off: it names Chief Financial Officer on \d{4}-\d{2}-\d{2}, but its SSH signature covers another statement/,
    );
    // Readiness: not signed, and the inherited controls cannot count on it.
    const readiness = awsReviewReadiness(view.standing, view.review.conclusion.reliance ?? null);
    expect(readiness).toMatchObject({ signed: false, forged: true });
    expect(reviewStands(readiness)).toBe(false);
    // The pre-flight: not signed, and why.
    const pre = await again.exports.preflight({});
    expect(pre.awsReportReview.signed).toBeNull();
    expect(pre.awsReportReview.standing.state).toBe('signature_forged');
    expect(pre.awsReportReview.signatureProblems[0]).toMatch(/^Forged sign-off/);
  });

  it('a signature made with another key than the one it names is forged', async () => {
    const dana = makeKey(keys.dir, 'id_dana');
    const other = makeKey(keys.dir, 'id_other');
    const { services, folder, userDataDir } = await readyReview();
    await services.awsReport.sign({ source: 'file', path: dana.path });
    await services.workspaces.close();
    // The block now names another key (and its own fingerprint), but keeps Dana's signature.
    const parsed = parsePublicKey(other.publicKey)!;
    const doc = stored(folder);
    doc.signed.key = { ...doc.signed.key, publicKey: parsed.line, fingerprint: parsed.fingerprint };
    writeFileSync(reviewFile(folder), JSON.stringify(doc));
    const view = await (await reopen(folder, userDataDir)).awsReport.get();
    expect(view.standing.state).toBe('signature_forged');
    expect(view.standing.forged?.why).toBe(
      `its SSH signature was not made with the key ${parsed.fingerprint} it names`,
    );
  });

  it("a recorded fingerprint that is not the key's own is forged", async () => {
    const dana = makeKey(keys.dir, 'id_fp');
    const { services, folder, userDataDir } = await readyReview();
    await services.awsReport.sign({ source: 'file', path: dana.path });
    await services.workspaces.close();
    const doc = stored(folder);
    doc.signed.key.fingerprint = `SHA256:${'B'.repeat(43)}`;
    writeFileSync(reviewFile(folder), JSON.stringify(doc));
    const view = await (await reopen(folder, userDataDir)).awsReport.get();
    expect(view.standing.state).toBe('signature_forged');
    expect(view.standing.forged?.why).toMatch(
      /^the key fingerprint it records \(SHA256:B+\) is not that of the public key/,
    );
  });

  it("a signed block copied from another workspace's review with the same content is forged: the statement names its own review", async () => {
    const key = makeKey(keys.dir, 'id_copy');
    const a = await readyReview();
    await a.services.awsReport.sign({ source: 'file', path: key.path });
    const b = await readyReview();
    await b.services.workspaces.close();
    // Same reviewed content in both; B gets A's whole signed block.
    const fromA = stored(a.folder).signed;
    const docB = stored(b.folder);
    expect(contentSha256(reviewDraftOf(AwsReportReviewDoc.parse(docB)))).toBe(fromA.contentSha256);
    writeFileSync(reviewFile(b.folder), JSON.stringify({ ...docB, signed: fromA }));
    const view = await (await reopen(b.folder, b.userDataDir)).awsReport.get();
    expect(view.standing.state).toBe('signature_forged');
    expect(view.standing.forged?.why).toMatch(/belongs to another review/);
  });

  it('an encrypted key file is refused before anything is signed, and the review stays a draft', async () => {
    const locked = makeKey(keys.dir, 'id_locked', { passphrase: 'never typed into the app' });
    const { services, folder } = await readyReview();
    await expect(services.awsReport.sign({ source: 'file', path: locked.path })).rejects.toMatchObject({
      code: 'SIGNING_KEY_REJECTED',
    });
    expect(stored(folder).signed).toBeNull();
  });

  it('a sign-off without a key is worded "recorded by NAME, not signed with a key", and a version 1 workspace keeps opening', async () => {
    const { services, folder, userDataDir } = await readyReview();
    const view = await services.awsReport.sign();
    expect(view.standing.signed).toMatchObject({ key: null });
    await services.workspaces.close();
    // As an app before SSH sign-offs wrote it: schema version 1, a key-less signed block.
    const doc = stored(folder);
    expect(doc.schemaVersion).toBe(2);
    writeFileSync(reviewFile(folder), JSON.stringify({ ...doc, schemaVersion: 1 }));
    const again = await reopen(folder, userDataDir);
    const old = await again.awsReport.get();
    expect(old.standing.state).toBe('signed');
    expect(old.standing.signed).toMatchObject({ by: { name: 'Dana Founder' }, key: null });
    expect(old.review.signed?.contentSha256).toBe(doc.signed.contentSha256);
    const pre = await again.exports.preflight({});
    expect(pre.awsReportReview.standing.signed?.key).toBeNull();
  });
});
