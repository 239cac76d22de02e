import { appendFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useLocalEndpoint } from '../helpers/local-endpoint';
import { checksHarness, iamScenario, TROUBLED } from './iam-harness';

const endpoint = useLocalEndpoint(() => ({ scenario: iamScenario(new Date()) }));
const SANDBOX = '444455556666';
/** IAM calls beyond the connection test's alias lookup: the ones that read evidence. */
const evidenceCalls = () =>
  [...endpoint.calls.keys()].filter((k) => k.startsWith('iam:') && k !== 'iam:ListAccountAliases');

describe("the workspace's chosen AWS accounts", () => {
  it('refuses a key-based profile whose only account the workspace does not cover, before reading any evidence', async () => {
    const h = await checksHarness(endpoint.url);
    await h.services.awsWorkspace.setProfile('keys');
    await h.services.workspaces.require().change('meta', (m) => ({ ...m, aws: { ...m.aws, accountIds: [SANDBOX] } }), {
      action: 'aws.accounts-selected',
      summary: `AWS accounts in scope: ${SANDBOX}`,
    });
    await expect(h.checks.run({ checkIds: ['iam.root-mfa'] })).rejects.toMatchObject({
      code: 'ACCOUNT_OUT_OF_SCOPE',
      message: `The profile "keys" reaches account 123456789012, but this workspace covers ${SANDBOX}.`,
      hint: expect.stringContaining('Choose a profile for that account on the AWS screen'),
    });
    expect(evidenceCalls()).toEqual([]);
    const evidence = join(h.folder, 'evidence');
    expect(existsSync(evidence) ? readdirSync(evidence) : []).toEqual([]);
  });

  it('collects the accounts in scope through the SSO portal, not the account the profile points at', async () => {
    const h = await checksHarness(endpoint.url);
    await h.services.awsWorkspace.setProfile('audit');
    await h.services.awsWorkspace.selectAccounts([SANDBOX], 'audit');
    const run = await h.checks.run({ checkIds: ['iam.root-mfa'] });
    expect(run.status).toBe('completed');
    expect(run.accounts.map((a) => a.id)).toEqual([SANDBOX]);
    expect(run.checks.map((c) => [c.accountId, c.checkId])).toEqual([[SANDBOX, 'iam.root-mfa']]);
    expect(run.accounts[0]!.principalArn).toMatch(new RegExp(`^arn:aws:sts::${SANDBOX}:assumed-role/`));
    expect(endpoint.calls.get('sso:GetRoleCredentials')).toBeGreaterThanOrEqual(1);
    const records = await h.services.workspaces.require().evidence.list();
    expect(records.length).toBeGreaterThan(0);
    expect(new Set(records.map((r) => r.aws?.accountId))).toEqual(new Set([SANDBOX]));

    await h.services.awsWorkspace.selectAccounts([SANDBOX, TROUBLED], 'audit');
    const both = await h.checks.run({ checkIds: ['iam.root-mfa'] });
    expect(both.accounts.map((a) => a.id)).toEqual([TROUBLED, SANDBOX]);
    expect(both.checks.map((c) => c.accountId).sort()).toEqual([SANDBOX, TROUBLED].sort());
  });

  it('collects from any account while none is chosen', async () => {
    const h = await checksHarness(endpoint.url);
    await h.services.awsWorkspace.setProfile('keys');
    expect((await h.checks.run({ checkIds: ['iam.root-mfa'] })).account.id).toBe('123456789012');
  });

  it('clears the choice when the profile changes to another IAM Identity Center, and keeps it within one', async () => {
    const h = await checksHarness(endpoint.url);
    appendFileSync(
      join(h.home.home, '.aws', 'config'),
      '\n[profile other-org]\nsso_start_url = https://d-9067other.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 111122223333\nsso_role_name = AuditRole\n',
    );
    const ws = h.services.awsWorkspace;
    await ws.setProfile('audit');
    await ws.selectAccounts([TROUBLED], 'audit');
    // legacy signs in at the same start URL as audit.
    expect((await ws.setProfile('legacy')).accountIds).toEqual([TROUBLED]);
    expect((await ws.setProfile('other-org')).accountIds).toEqual([]);
    const { entries } = await h.services.workspaces.require().activity.read({ limit: 1 });
    expect(entries[0]).toMatchObject({
      action: 'aws.profile-set',
      details: { profile: 'other-org', clearedAccountIds: [TROUBLED] },
    });
    expect(entries[0]!.summary).toContain(`accounts ${TROUBLED} no longer in scope`);

    await ws.selectAccounts([TROUBLED], 'other-org');
    // Access keys sign in at no IAM Identity Center: the SSO accounts no longer apply.
    expect((await ws.setProfile('keys')).accountIds).toEqual([]);
  });
});
