import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAwsEndpoint, type AwsEndpoint } from '../../../main/sandbox/aws-endpoint';
import { iamScenario, TROUBLED_ACCOUNT } from '../../../main/sandbox/aws-endpoint/scenarios/iam';
import type { IamAccountModel } from '../../../main/sandbox/aws-endpoint/scenarios/iam-account';
import {
  sampleIdentityCenter,
  withIdentityCenter,
} from '../../../main/sandbox/aws-endpoint/scenarios/identity-center-sample';
import { DECISIONS_CSV_HEADER } from '../../../main/services/access-reviews/decisions-csv';
import { checksHarness } from '../iam/iam-harness';
import { defaultHost } from '../../../main/services/create-services';
import { DANA, refusal, testServices } from '../helpers/services';

/**
 * Access reviews end to end on the real services: the population read from the local AWS
 * endpoint by the real SDK clients (profile `audit`: account 111122223333, region eu-west-1,
 * signing in through us-east-1, where its Identity Center lives), decisions, sign-off through
 * the review kernel, the decisions CSV, and the loop closing on a later collection.
 */

let endpoint: AwsEndpoint;
let accounts: Record<string, IamAccountModel>;
beforeAll(async () => {
  const base = iamScenario(new Date(), (a) => (accounts = a));
  endpoint = await startAwsEndpoint({
    scenario: withIdentityCenter(base, sampleIdentityCenter(TROUBLED_ACCOUNT, 'us-east-1')),
  });
});
afterAll(() => endpoint.close());

async function started() {
  const h = await checksHarness(endpoint.url);
  const ws = h.services.workspaces.require();
  await h.services.team.add({ name: 'Sam Engineer', email: 'sam@acme.example', role: 'Engineer' });
  const dana = ws.team.members.find((m) => m.email === DANA.email)!;
  await h.services.controls.setOwner('access-reviews', dana.id);
  const view = await h.services.accessReview.start({ profile: 'audit' });
  return {
    ...h,
    view,
    dana,
    sam: h.services.workspaces.require().team.members.find((m) => m.email === 'sam@acme.example')!,
  };
}

describe('an access review over the account’s real population', () => {
  it('builds the population from IAM and from Identity Center in its own region, says so, and stores it as evidence', async () => {
    const { view, services } = await started();
    const review = view.review!;
    expect(review.notes).toEqual([
      "IAM Identity Center lives in us-east-1, not in the profile's region eu-west-1: it was read from us-east-1.",
    ]);
    const byId = new Map(review.rows.map((r) => [r.id, r]));
    // Dana is in Admins, which holds AdministratorAccess: expanded to her, with the group named.
    const danaSso = [...byId.values()].find((r) => r.kind === 'sso_user' && r.email === 'dana@acme.example')!;
    expect(danaSso.access).toEqual(expect.arrayContaining([`AdministratorAccess @ ${TROUBLED_ACCOUNT} (via Admins)`]));
    expect(danaSso.flags).toContain('full_admin');
    // Lee is assigned directly as well as through Developers.
    const lee = [...byId.values()].find((r) => r.email === 'lee@acme.example')!;
    expect(lee.access).toEqual(
      expect.arrayContaining([
        `AdministratorAccess @ ${TROUBLED_ACCOUNT}`,
        'DeveloperAccess @ 444455556666 (via Developers)',
      ]),
    );
    expect(lee.flags).toEqual(['full_admin', 'unexplained']);
    expect(byId.get(`iam:${TROUBLED_ACCOUNT}:role/OrganizationAccountAccessRole`)?.flags).toEqual(
      expect.arrayContaining(['full_admin', 'assumable_from_outside']),
    );
    expect(view.progress).toMatchObject({ rows: review.rows.length, decided: 0 });
    expect(view.standing).toMatchObject({ state: 'draft' });
    const evidence = await services.workspaces.require().evidence.get(review.populationEvidenceId!);
    expect(evidence).toMatchObject({
      kind: 'api_snapshot',
      controlIds: ['access-reviews'],
      aws: { accountId: TROUBLED_ACCOUNT },
    });
    const stored = JSON.parse(readFileSync(services.workspaces.require().evidence.filePath(evidence.sha256), 'utf8'));
    expect(stored.provenance.identityCenter).toEqual({
      instanceArn: 'arn:aws:sso:::instance/ssoins-1111111111111111',
      region: 'us-east-1',
      accountId: TROUBLED_ACCOUNT,
    });
    expect(stored.provenance.operations.map((o: { operation: string }) => o.operation)).toEqual(
      expect.arrayContaining([
        'GetAccountAuthorizationDetails',
        'ListInstances',
        'ListGroupMemberships',
        'ListAccountAssignments',
      ]),
    );
  });

  it('without permission for sso-admin the review goes on with IAM only and says so', async () => {
    endpoint.setFaults({ denyActions: ['sso:ListInstances'] });
    try {
      const { view } = await started();
      expect(view.review!.rows.some((r) => r.kind === 'sso_user')).toBe(false);
      expect(view.review!.rows.some((r) => r.kind === 'iam_user')).toBe(true);
      expect(view.review!.notes[0]).toMatch(
        /^No permission to read IAM Identity Center in eu-west-1 .*the population holds IAM only/,
      );
    } finally {
      endpoint.setFaults({});
    }
  });

  it('refuses sign-off until every row is decided and justified and nobody reviewed only their own access; then signs, exports the decisions, and closes the loop', async () => {
    const { view, services, folder, dana, sam } = await started();
    const api = services.accessReview;
    const rows = view.review!.rows;
    const danaRows = rows.filter((r) => r.email === 'dana@acme.example').map((r) => r.id);
    expect(view.problems.filter((p) => p.message.includes('own access')).map((p) => p.rowId)).toEqual(danaRows);
    await expect(api.sign()).rejects.toMatchObject({ code: 'REVIEW_INCOMPLETE' });

    const flagged = rows.find((r) => r.flags.length > 0 && !danaRows.includes(r.id))!;
    const refusedNoWhy = await api.decide(flagged.id, 'keep', '');
    expect(refusedNoWhy.problems).toContainEqual({
      rowId: flagged.id,
      message: expect.stringContaining('needs a justification'),
    });

    await api.assign(danaRows, [dana.id, sam.id]);
    for (const r of rows) {
      if (danaRows.includes(r.id)) continue;
      const remove = r.name === 'old-contractor';
      await api.decide(
        r.id,
        remove ? 'remove' : 'keep',
        remove ? 'Left the company in June' : 'Still needed for the job',
      );
    }
    // Sam decides Dana's own rows.
    services.workspaces.setMe({ name: sam.name, email: sam.email });
    for (const id of danaRows) await api.decide(id, 'keep', 'Founder; administers the accounts');
    const ready = await api.get();
    expect(ready.problems).toEqual([]);
    expect(ready.standing).toMatchObject({ state: 'ready_to_sign' });
    const signed = await api.sign();
    expect(signed.standing).toMatchObject({ state: 'signed', signed: { by: { email: sam.email } } });
    expect(signed.lastSigned).toBe(signed.review!.signed!.at);
    expect(signed.nextDue).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await expect(api.decide(rows[0]!.id, 'remove', 'x')).rejects.toMatchObject({ code: 'CONFLICT' });

    const [, csvId, summaryId] = signed.review!.evidenceIds;
    const csvRecord = await services.workspaces.require().evidence.get(csvId!);
    expect(csvRecord).toMatchObject({ mediaType: 'text/csv', controlIds: ['access-reviews'] });
    // The signed summary PDF: scope, counts, flagged rows, removes and changes, who decided, the signature.
    const summary = await services.workspaces.require().evidence.get(summaryId!);
    expect(summary).toMatchObject({ mediaType: 'application/pdf', controlIds: ['access-reviews'] });
    const summaryText = execFileSync(
      'pdftotext',
      ['-layout', services.workspaces.require().evidence.filePath(summary.sha256), '-'],
      { encoding: 'utf8' },
    );
    const at = signed.review!.signed!.at;
    expect(summaryText).toContain(
      `Recorded by Sam Engineer (sam@acme.example) on ${at.slice(0, 10)} ${at.slice(11, 16)} UTC, not signed with a key`,
    );
    expect(summaryText).toContain(`The population of ${rows.length} identities`);
    expect(summaryText).toContain('Removes and changes (1)');
    expect(summaryText).toContain('Left the company in June');
    expect(summaryText).toMatch(/Dana Founder: \d+ identities/);
    const table = parse(readFileSync(services.workspaces.require().evidence.filePath(csvRecord.sha256)), {
      bom: true,
    }) as string[][];
    expect(table[0]).toEqual(DECISIONS_CSV_HEADER);
    const contractor = table.find((line) => line[2] === 'old-contractor')!;
    expect(contractor[9]).toBe('Remove');
    expect(contractor[10]).toBe('Left the company in June');
    expect(table).toHaveLength(rows.length + 1);

    // The contractor is deleted from the account; the next collection sees it carried out.
    accounts[TROUBLED_ACCOUNT]!.users = accounts[TROUBLED_ACCOUNT]!.users.filter((u) => u.name !== 'old-contractor');
    const compared = await api.closeLoop({ profile: 'audit' });
    const followUp = compared.review!.followUps[`iam:${TROUBLED_ACCOUNT}:user/old-contractor`];
    expect(followUp).toMatchObject({ status: 'carried_out', what: 'old-contractor is gone.' });
    // The follow-ups are not part of what was signed: the signature still stands.
    expect(compared.standing!.state).toBe('signed');
    expect(readFileSync(join(folder, 'activity.jsonl'), 'utf8')).toContain('"action":"access-review.compared"');

    const reopened = await refusal(api.reopen('  '));
    expect(reopened.code).toBe('INVALID_INPUT');
    expect((await api.reopen('A decision was wrong')).standing!.state).toBe('ready_to_sign');
  });

  it('a decision saved while another teammate’s app holds the workspace is refused, and no decision is lost', async () => {
    const { view, services, folder, userDataDir } = await started();
    const [first, second] = view.review!.rows;
    await services.accessReview.decide(first!.id, 'keep', 'Still needed');
    const onDisk = () => readFileSync(join(folder, 'access-reviews.json'), 'utf8');
    const before = onDisk();
    // Ivan's app, on another computer, takes the workspace over.
    const ivan = testServices({ userDataDir, host: { ...defaultHost(), host: 'ivan-desktop', user: 'ivan' } }).services;
    await ivan.workspaces.open(folder, { takeOverStaleLock: true });
    const refused = await refusal(services.accessReview.decide(second!.id, 'remove', 'Not needed'));
    expect(refused.code).toBe('WORKSPACE_LOCKED');
    expect(refused.message).toContain('"ivan-desktop" (user ivan) took this workspace over');
    // Nothing changed on disk or in this app; Ivan sees the decision saved before.
    expect(onDisk()).toBe(before);
    expect((await services.accessReview.get()).review!.decisions[second!.id]).toBeUndefined();
    expect((await ivan.accessReview.get()).review!.decisions[first!.id]).toMatchObject({ decision: 'keep' });
    await ivan.workspaces.close();
  });
});
