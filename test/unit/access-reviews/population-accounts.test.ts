import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { main } from '../../../main/cli';
import { sandboxLookup } from '../../../main/sandbox/aws-endpoint/sandbox-http';
import {
  PRODUCTION,
  SANDBOX,
  STAGING,
  multiAccountScenario,
} from '../../../main/sandbox/aws-endpoint/scenarios/multi-account';
import {
  sampleIdentityCenter,
  withIdentityCenter,
} from '../../../main/sandbox/aws-endpoint/scenarios/identity-center-sample';
import type { PopulationRow } from '../../../shared/domain/access-review';
import { useLocalEndpoint } from '../helpers/local-endpoint';
import { signedInSsoHome } from '../helpers/sso-home';
import { createTestWorkspace } from '../helpers/services';

/**
 * The access review's population over every account in the workspace's scope, through the real
 * SDK clients against the local endpoint's multi-account scenario (profile `audit`: Production
 * 111122223333, eu-west-1, signing in through us-east-1): Staging, as a delegated administrator,
 * holds IAM Identity Center in us-east-1; Sandbox refuses the audit role.
 */
const endpoint = useLocalEndpoint(() => ({
  scenario: withIdentityCenter(multiAccountScenario(), sampleIdentityCenter(STAGING, 'us-east-1', PRODUCTION)),
}));

async function reviewOf(scope: string[]) {
  signedInSsoHome(endpoint.url);
  const ws = await createTestWorkspace({ aws: { clientSettings: { maxAttempts: 3, lookup: sandboxLookup } } });
  const { awsWorkspace, accessReview } = ws.services;
  await awsWorkspace.setProfile('audit');
  await awsWorkspace.selectAccounts(scope, 'audit');
  endpoint.resetCalls();
  return { ...ws, start: () => accessReview.start() };
}

const iamAccountsOf = (rows: PopulationRow[]) =>
  [...new Set(rows.filter((r) => r.kind.startsWith('iam_')).flatMap((r) => r.accountIds))].sort();
const ssoUser = (rows: PopulationRow[], email: string) => rows.find((r) => r.kind === 'sso_user' && r.email === email)!;

describe('an access review over every account in scope', () => {
  it('reads each account’s IAM with its own role, Identity Center once from the account that holds it, and reports the account whose role is refused', async () => {
    const { start, services } = await reviewOf([PRODUCTION, STAGING, SANDBOX]);
    const review = (await start()).review!;
    expect(iamAccountsOf(review.rows)).toEqual([PRODUCTION, STAGING]);
    expect(review.accountIds).toEqual([PRODUCTION, STAGING]);
    // Every IAM row says its account, in its id and its ARN.
    for (const r of review.rows.filter((x) => x.kind.startsWith('iam_'))) {
      expect(r.accountIds).toHaveLength(1);
      expect(r.id).toContain(`:${r.accountIds[0]}:`);
      expect(r.arn).toContain(`::${r.accountIds[0]}:`);
    }
    expect(review.accounts).toEqual([
      {
        id: PRODUCTION,
        alias: 'example-prod',
        principalArn: expect.stringContaining(PRODUCTION),
        read: true,
      },
      {
        id: STAGING,
        principalArn: expect.stringContaining(`${STAGING}:assumed-role/AWSReservedSSO_AuditRole_`),
        read: true,
      },
      { id: SANDBOX, read: false, error: expect.objectContaining({ code: 'ACCESS_DENIED' }) },
    ]);
    expect(review.notes).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`^Account ${SANDBOX} was not read \\(.+\\): its IAM users, groups and roles`)),
        `IAM Identity Center was read from account ${STAGING}, which holds it (the management account or its delegated administrator).`,
      ]),
    );
    // Identity Center is read once, though three accounts were asked where it lives.
    expect(endpoint.calls.get('identitystore:ListUsers')).toBe(1);
    expect(endpoint.calls.get('sso:ListInstances')).toBe(4);
    // Its assignments expanded per account in scope, groups to their members.
    expect(ssoUser(review.rows, 'lee@acme.example').access).toEqual(
      expect.arrayContaining([`AdministratorAccess @ ${STAGING}`, `DeveloperAccess @ ${PRODUCTION} (via Developers)`]),
    );
    expect(ssoUser(review.rows, 'dana@acme.example').accountIds).toEqual([PRODUCTION, STAGING]);
    // The snapshot names every account and who read it.
    const ws = services.workspaces.require();
    const evidence = await ws.evidence.get(review.populationEvidenceId!);
    const stored = JSON.parse(readFileSync(ws.evidence.filePath(evidence.sha256), 'utf8'));
    expect(stored.provenance.accounts.map((a: { id: string; read: boolean }) => [a.id, a.read])).toEqual([
      [PRODUCTION, true],
      [STAGING, true],
      [SANDBOX, false],
    ]);
    expect(stored.provenance.identityCenter).toMatchObject({ accountId: STAGING, region: 'us-east-1' });
    expect(new Set(stored.files.map((f: { accountId?: string }) => f.accountId))).toEqual(
      new Set([PRODUCTION, STAGING, undefined]),
    );
  }, 120_000);

  it('an account whose role is denied IAM is reported for that account; the others and Identity Center go on', async () => {
    const staging = endpoint.scenario.resources!.accounts[STAGING]!;
    const before = staging.deniedActions;
    staging.deniedActions = [...(before ?? []), 'iam:GetAccountAuthorizationDetails'];
    try {
      const { start } = await reviewOf([PRODUCTION, STAGING]);
      const review = (await start()).review!;
      expect(iamAccountsOf(review.rows)).toEqual([PRODUCTION]);
      expect(review.accounts!.find((a) => a.id === STAGING)).toMatchObject({
        read: false,
        error: { code: 'ACCESS_DENIED' },
      });
      expect(review.notes.some((n) => n.startsWith(`Account ${STAGING} was not read (`))).toBe(true);
      expect(ssoUser(review.rows, 'dana@acme.example').flags).toContain('full_admin');
    } finally {
      staging.deniedActions = before;
    }
  }, 120_000);

  it('lists Identity Center’s assignments for the accounts in scope only', async () => {
    const { start } = await reviewOf([STAGING]);
    const review = (await start()).review!;
    expect(iamAccountsOf(review.rows)).toEqual([STAGING]);
    expect(ssoUser(review.rows, 'dana@acme.example').access).toEqual([`AdministratorAccess @ ${STAGING} (via Admins)`]);
    // Sam's only access is to Production, outside the scope.
    expect(ssoUser(review.rows, 'sam@acme.example').access).toEqual([]);
  }, 120_000);

  it('when no account in scope can be read, nothing is started and the refusal says why', async () => {
    const { start, services } = await reviewOf([SANDBOX]);
    await expect(start()).rejects.toMatchObject({ code: 'ACCESS_DENIED' });
    expect(services.workspaces.require().accessReviews.reviews).toEqual([]);
  }, 120_000);

  it('npm run cli -- access-review population reads the same accounts, and its --json says each', async () => {
    const { services, folder } = await reviewOf([PRODUCTION, STAGING, SANDBOX]);
    await services.workspaces.close();
    const out: string[] = [];
    const code = await main(['access-review', 'population', '--profile', 'audit', '--workspace', folder, '--json'], {
      out: (t) => out.push(t),
      err: () => undefined,
    });
    expect(code).toBe(0);
    const doc = JSON.parse(out.join('\n'));
    expect(doc.accounts.map((a: { id: string; read: boolean }) => [a.id, a.read])).toEqual([
      [PRODUCTION, true],
      [STAGING, true],
      [SANDBOX, false],
    ]);
    expect(doc.accounts[2].error.code).toBe('ACCESS_DENIED');
    const accountsOfIam = new Set(
      doc.identities
        .filter((i: { kind: string }) => i.kind.startsWith('iam_'))
        .flatMap((i: { accounts: string[] }) => i.accounts),
    );
    expect([...accountsOfIam].sort()).toEqual([PRODUCTION, STAGING]);
  }, 120_000);
});
