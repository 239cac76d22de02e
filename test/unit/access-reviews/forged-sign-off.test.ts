import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAwsEndpoint, type AwsEndpoint } from '../../../main/sandbox/aws-endpoint';
import { iamScenario, TROUBLED_ACCOUNT } from '../../../main/sandbox/aws-endpoint/scenarios/iam';
import {
  sampleIdentityCenter,
  withIdentityCenter,
} from '../../../main/sandbox/aws-endpoint/scenarios/identity-center-sample';
import { accessReviewReadiness } from '../../../shared/rules/access/access-readiness';
import { makeKey, tempKeyDir } from '../../fixtures/ssh-keys';
import { checksHarness } from '../iam/iam-harness';
import { DANA, testServices } from '../helpers/services';

/**
 * A forged access-review sign-off (its signed block edited by hand, so its SSH signature no
 * longer verifies) counts as not signed everywhere the review kernel's answer is used: the
 * screen and the dashboard card (the view's last signed / next due), readiness, the pre-flight
 * and the bundle model, exactly as a forged AWS report review does.
 */

let endpoint: AwsEndpoint;
beforeAll(async () => {
  endpoint = await startAwsEndpoint({
    scenario: withIdentityCenter(iamScenario(new Date()), sampleIdentityCenter(TROUBLED_ACCOUNT, 'us-east-1')),
  });
});
afterAll(() => endpoint.close());
const keys = tempKeyDir();

/** A review started, every row decided (Sam decides Dana's own access), signed by Dana with her SSH key. */
async function signedWithKey() {
  const h = await checksHarness(endpoint.url);
  const { services } = h;
  await services.team.add({ name: 'Sam Engineer', email: 'sam@acme.example', role: 'Engineer' });
  const members = services.workspaces.require().team.members;
  const dana = members.find((m) => m.email === DANA.email)!;
  await services.controls.setOwner('access-reviews', dana.id);
  const signed = await startDecideSign(services);
  return { ...h, signed };
}

/** Starts the next review, decides every row and signs it with a new key of Dana's. */
async function startDecideSign(services: Awaited<ReturnType<typeof checksHarness>>['services']) {
  const members = services.workspaces.require().team.members;
  const dana = members.find((m) => m.email === DANA.email)!;
  const sam = members.find((m) => m.email === 'sam@acme.example')!;
  const api = services.accessReview;
  const rows = (await api.start({ profile: 'audit' })).review!.rows;
  const own = rows.filter((r) => r.email === DANA.email).map((r) => r.id);
  await api.assign(own, [dana.id, sam.id]);
  for (const r of rows) if (!own.includes(r.id)) await api.decide(r.id, 'keep', 'Still needed for the job');
  services.workspaces.setMe({ name: sam.name, email: sam.email });
  for (const id of own) await api.decide(id, 'keep', 'Founder; administers the accounts');
  services.workspaces.setMe(DANA);
  const key = makeKey(keys.dir, `id_${Date.now()}_${Math.random().toString(36).slice(2)}`, { comment: DANA.email });
  return api.sign({ source: 'file', path: key.path });
}

describe('a forged access-review sign-off', () => {
  it('does not count toward last signed and next due on the screen, the dashboard, readiness, the pre-flight or the bundle', async () => {
    const { services, folder, userDataDir, signed } = await signedWithKey();
    expect(signed.standing).toMatchObject({ state: 'signed' });
    expect(signed.lastSigned).toBe(signed.review!.signed!.at);
    await services.workspaces.close();

    // Backdated by hand to look like the review of last year's first quarter: the signature covers another date.
    const file = join(folder, 'access-reviews.json');
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    doc.reviews[0].signed.at = '2025-01-06T10:00:00.000Z';
    writeFileSync(file, JSON.stringify(doc, null, 2));

    const again = testServices({ userDataDir }).services;
    await again.workspaces.open(folder);
    const view = await again.accessReview.get();
    expect(view.standing).toMatchObject({ state: 'signature_forged', signed: null });
    expect(view.standing!.signatureProblems[0]).toMatch(/^Forged sign-off: it names Dana Founder on 2025-01-06/);
    // The screen and the dashboard card word these: no review was ever signed.
    expect({ lastSigned: view.lastSigned, nextDue: view.nextDue }).toEqual({ lastSigned: null, nextDue: null });
    expect(accessReviewReadiness(view)).toMatchObject({
      state: 'signature_forged',
      lastSigned: null,
      nextDue: null,
    });
    // The pre-flight (and the bundle model it is built from): not signed, and no due date from the forged one.
    const pre = await again.exports.preflight({});
    expect(pre.accessReview.standing).toMatchObject({ state: 'signature_forged', signed: null });
    expect(pre.accessReview.open[0]).toMatch(/^Forged sign-off/);
    expect(pre.accessReview.open.join(' ')).not.toMatch(/was due by/);
    await again.workspaces.close();
  }, 180_000);

  it('is never chosen as the signed review the bundle shows: the newest sign-off that stands is', async () => {
    const { services, folder, userDataDir, signed } = await signedWithKey();
    const first = signed.review!;
    const second = (await startDecideSign(services)).review!;
    expect(second.id).not.toBe(first.id);
    await services.workspaces.close();

    // The second review's sign-off backdated by hand: its signature no longer verifies.
    const file = join(folder, 'access-reviews.json');
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    doc.reviews[1].signed.at = '2025-01-06T10:00:00.000Z';
    writeFileSync(file, JSON.stringify(doc, null, 2));

    const again = testServices({ userDataDir }).services;
    await again.workspaces.open(folder);
    const view = await again.accessReview.get();
    expect(view.standing).toMatchObject({ state: 'signature_forged' });
    expect(view.lastSigned).toBe(first.signed!.at);
    expect(view.history.map((h) => h.signOff)).toEqual([
      expect.stringMatching(/^Signed by Dana Founder on /),
      expect.stringMatching(/^Forged sign-off \(it names Dana Founder\)/),
    ]);
    // The bundle (and its pre-flight) shows the first review, whose sign-off stands, not the forged one.
    const pre = await again.exports.preflight({});
    expect(pre.accessReview.standing).toMatchObject({ state: 'signed', signed: { at: first.signed!.at } });
    await again.workspaces.close();
  }, 240_000);
});
