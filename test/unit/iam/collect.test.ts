import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useLocalEndpoint } from '../helpers/local-endpoint';
import { controlsForCheck } from '../../../shared/catalog';
import { Finding, type CheckRun } from '../../../shared/domain/findings';
import { formulaCellsOf } from '../../../shared/rules/formula-cells';
import { parseCredentialReport } from '../../../main/services/collectors/sources/credential-report-csv';
import type { FindingsDocument } from '../../../main/services/collectors/check-evidence';
import { startAwsEndpoint } from '../../../main/sandbox/aws-endpoint';
import { checksHarness, iamScenario, TROUBLED, IAM_CHECK_IDS } from './iam-harness';

const endpoint = useLocalEndpoint(() => ({ scenario: iamScenario(new Date()) }));

const results = (run: CheckRun) => Object.fromEntries(run.checks.map((c) => [c.checkId, c.result]));
const entityArns = (run: CheckRun) =>
  Object.fromEntries(run.checks.map((c) => [c.checkId, c.entities.map((e) => `${e.arn}:${e.result}`).sort()]));

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

const TROUBLED_RESULTS = {
  'iam.root-mfa': 'fail',
  'iam.root-access-keys': 'fail',
  'iam.root-recent-use': 'fail',
  'iam.console-users-mfa': 'fail',
  'iam.password-policy': 'fail',
  'iam.access-key-rotation': 'fail',
  'iam.unused-credentials': 'fail',
  'iam.admin-access': 'needs_review',
  'iam.users-direct-policies': 'fail',
};

describe('collecting IAM evidence through the real SDK and the local endpoint', () => {
  it('runs every check on a troubled account, with findings, raw evidence and provenance', async () => {
    const h = await checksHarness(endpoint.url);
    const run = await h.checks.run({ profile: 'audit', checkIds: IAM_CHECK_IDS });
    expect(run).toMatchObject({
      status: 'completed',
      account: { id: TROUBLED, alias: 'example-prod' },
      collectedBy: { name: 'Dana Founder' },
    });
    expect(run.principalArn).toMatch(/^arn:aws:sts::111122223333:assumed-role\/AWSReservedSSO_AuditRole_/);
    expect(results(run)).toEqual(TROUBLED_RESULTS);

    const admin = run.checks.find((c) => c.checkId === 'iam.admin-access')!;
    // Full admins first; then the NotAction grants (PowerUserAccess, BreakGlass), which are broad, not full.
    expect(admin.entities.map((e) => [e.name, e.facts?.access])).toEqual([
      ['alice', 'full'],
      ['ci-deployer', 'full'],
      ['Admins', 'full'],
      ['OrganizationAccountAccessRole', 'full'],
      ['Operators', 'broad'],
      ['power-users', 'broad'],
    ]);
    expect(admin.entities.find((e) => e.name === 'Operators')?.detail).toMatch(
      /^Group with broad access \(not full admin\) via managed policy .*BreakGlass \(Allow every action except \["iam:\*"\] on \*\) \(only under conditions\); members: none\.$/,
    );
    expect(admin.entities.find((e) => e.name === 'ci-deployer')?.detail).toMatch(/only under conditions/);
    expect(admin.entities.find((e) => e.name === 'alice')?.detail).toMatch(
      /limited by permissions boundary arn:aws:iam::aws:policy\/PowerUserAccess/,
    );
    expect(admin.notes.join('\n')).toMatch(
      /user\/bob has service-wide wildcards on every resource \(cloudformation:\*, iam:\*, s3:\*\)/,
    );
    expect(run.checks.find((c) => c.checkId === 'iam.users-direct-policies')!.entities.map((e) => e.name)).toEqual([
      'ci-deployer',
      'old-contractor',
    ]);

    // Every API answer fetched once; short pages (pageCap 3) followed to the end.
    expect(endpoint.calls.get('iam:GetAccountSummary')).toBe(1);
    expect(endpoint.calls.get('iam:GetCredentialReport')).toBe(1);
    expect(endpoint.calls.get('iam:GenerateCredentialReport')).toBe(4);
    expect(endpoint.calls.get('iam:GetAccountAuthorizationDetails')).toBe(2 + 1 + 1 + 1); // users 4, roles 3, groups 3, policies 2
    expect(endpoint.calls.get('iam:GetPolicy')).toBe(3); // AdministratorAccess, PowerUserAccess, ReadOnlyAccess
    expect(endpoint.calls.get('iam:ListUsers')).toBeUndefined();

    const store = h.services.workspaces.require().evidence;
    const records = await store.list();
    // Every record the run reports is in the store's list (parallel checks lose none).
    expect(records.map((r) => r.id).sort()).toEqual(run.checks.flatMap((c) => c.evidence.map((e) => e.id)).sort());
    for (const check of run.checks) {
      expect(check.evidence.length).toBeGreaterThan(1);
      const findings = records.find((r) => r.id === check.evidence.find((e) => e.kind === 'findings')!.id)!;
      expect(findings.controlIds).toEqual(controlsForCheck(check.checkId).map((c) => c.id));
      expect(findings.aws).toMatchObject({ accountId: TROUBLED, accountAlias: 'example-prod', profile: 'audit' });
      const doc = JSON.parse((await store.read(findings)).toString()) as FindingsDocument;
      expect(doc.checkId).toBe(check.checkId);
      // The file reads as a plain Finding too (the export reads it so).
      expect(Finding.parse(doc)).toMatchObject({ checkId: check.checkId, result: check.result });
      expect(doc.provenance).toMatchObject({
        runId: run.runId,
        account: { id: TROUBLED, alias: 'example-prod' },
        principalArn: run.principalArn,
        appVersion: '0.0.0-test',
      });
      // Who was asked, and the alias: both calls named with their request ids, before the check's own.
      expect(doc.provenance.operations.slice(0, 2)).toEqual([
        {
          service: 'sts',
          operation: 'GetCallerIdentity',
          requestId: expect.any(String),
          at: expect.any(String),
          region: run.region,
        },
        {
          service: 'iam',
          operation: 'ListAccountAliases',
          requestId: expect.any(String),
          at: expect.any(String),
          region: run.region,
        },
      ]);
      expect(doc.provenance.operations.every((op) => /^[0-9a-f-]{36}$/.test(op.requestId ?? ''))).toBe(true);
      // The findings file names the hash of every raw file, and those hashes are what is on disk.
      for (const f of doc.provenance.files) expect(records.find((r) => r.id === f.evidenceId)?.sha256).toBe(f.sha256);
      expect(doc.provenance.files.map((f) => f.evidenceId).sort()).toEqual(
        check.evidence
          .filter((e) => e.kind === 'api_snapshot')
          .map((e) => e.id)
          .sort(),
      );
    }
    // The credential report is kept exactly as returned: a CSV the rules read again to the same result.
    const csv = records.find((r) => r.fileName === 'iam-credential-report.csv')!;
    expect(csv.mediaType).toBe('text/csv');
    expect(formulaCellsOf(csv)).toBeUndefined();
    expect(parseCredentialReport((await store.read(csv)).toString()).map((r) => r.user)).toEqual([
      '<root_account>',
      'alice',
      'bob',
      'ci-deployer',
      'old-contractor',
    ]);
    const pp = records.find((r) => r.fileName === 'iam-GetAccountPasswordPolicy.json')!;
    expect(JSON.parse((await store.read(pp)).toString()).response.PasswordPolicy.MinimumPasswordLength).toBe(8);

    // Progress: every check reached its end.
    for (const id of Object.keys(TROUBLED_RESULTS))
      expect(h.progress.filter((p) => p.checkId === id).at(-1)).toMatchObject({ done: expect.any(Number) });
    expect(
      h.progress
        .filter((p) => p.result)
        .map((p) => p.checkId)
        .sort(),
    ).toEqual(Object.keys(TROUBLED_RESULTS).sort());

    const activity = await h.services.workspaces.require().activity.read();
    expect(activity.entries[0]).toMatchObject({ action: 'checks.run', actor: { name: 'Dana Founder' } });
    expect(activity.entries[0]!.summary).toMatch(
      /Ran 9 IAM checks on AWS account 111122223333 \(example-prod\): 8 fail, 1 needs review/,
    );
  });

  it('passes on a healthy account (static keys, no alias); admin access still lists the SSO admin role for review', async () => {
    const h = await checksHarness(endpoint.url);
    const run = await h.checks.run({ profile: 'keys', checkIds: IAM_CHECK_IDS });
    expect(run.account).toEqual({ id: '123456789012' });
    expect(results(run)).toEqual({
      'iam.root-mfa': 'pass',
      'iam.root-access-keys': 'pass',
      'iam.root-recent-use': 'pass',
      'iam.console-users-mfa': 'pass',
      'iam.password-policy': 'pass',
      'iam.access-key-rotation': 'pass',
      'iam.unused-credentials': 'pass',
      'iam.admin-access': 'needs_review',
      'iam.users-direct-policies': 'pass',
    });
    expect(run.checks.find((c) => c.checkId === 'iam.root-mfa')!.summary).toMatch(/hardware device or security key/);
    expect(run.checks.find((c) => c.checkId === 'iam.admin-access')!.entities[0]!.detail).toMatch(
      /IAM Identity Center permission set AdministratorAccess: who holds it is in its account assignments\.$/,
    );
  });

  it('says not applicable where there is nobody to check, and passes root MFA when root has no credentials', async () => {
    const empty = await startAwsEndpoint({
      scenario: iamScenario(new Date(), (a) => {
        Object.assign(a['123456789012']!, { users: [], groups: [], policies: [], passwordPolicy: null });
        Object.assign(a['123456789012']!.root, { mfa: 'none', passwordEnabled: 'false', passwordLastUsed: 'N/A' });
      }),
    });
    try {
      const h = await checksHarness(empty.url);
      const run = await h.checks.run({ profile: 'keys', checkIds: IAM_CHECK_IDS });
      expect(results(run)).toEqual({
        'iam.root-mfa': 'pass',
        'iam.root-access-keys': 'pass',
        'iam.root-recent-use': 'pass',
        'iam.console-users-mfa': 'not_applicable',
        'iam.password-policy': 'fail',
        'iam.access-key-rotation': 'not_applicable',
        'iam.unused-credentials': 'not_applicable',
        'iam.admin-access': 'needs_review',
        'iam.users-direct-policies': 'not_applicable',
      });
      expect(run.checks.find((c) => c.checkId === 'iam.console-users-mfa')!.summary).toMatch(/IAM Identity Center/);
      // "No password policy" is kept as AWS answered it.
      const store = h.services.workspaces.require().evidence;
      const pp = (await store.list()).find((r) => r.fileName === 'iam-GetAccountPasswordPolicy.json')!;
      expect(JSON.parse((await store.read(pp)).toString())).toMatchObject({
        operation: 'GetAccountPasswordPolicy',
        error: { code: 'NoSuchEntity' },
        requestId: expect.any(String),
      });
    } finally {
      await empty.close();
    }
  });

  it('gets the same findings when a third of the calls are throttled', async () => {
    const h = await checksHarness(endpoint.url);
    const clean = await h.checks.run({ profile: 'audit', checkIds: IAM_CHECK_IDS });
    endpoint.resetCalls();
    endpoint.setFaults({ throttleRate: 1 / 3, seed: 7 });
    const throttled = await h.checks.run({ profile: 'audit', checkIds: IAM_CHECK_IDS });
    expect(endpoint.throttled()).toBeGreaterThan(3);
    expect(throttled.status).toBe('completed');
    expect(results(throttled)).toEqual(results(clean));
    expect(entityArns(throttled)).toEqual(entityArns(clean));
  }, 120_000);

  it('reports a denied action on the checks that need it and completes the others', async () => {
    endpoint.setFaults({ denyActions: ['iam:GenerateCredentialReport'] });
    const h = await checksHarness(endpoint.url);
    const run = await h.checks.run({ profile: 'audit', checkIds: IAM_CHECK_IDS });
    expect(run.status).toBe('completed');
    for (const id of [
      'iam.root-recent-use',
      'iam.console-users-mfa',
      'iam.access-key-rotation',
      'iam.unused-credentials',
    ]) {
      const c = run.checks.find((x) => x.checkId === id)!;
      expect(c.result).toBe('error');
      expect(c.error).toMatchObject({ code: 'ACCESS_DENIED', missingAction: 'iam:GenerateCredentialReport' });
      expect(c.error?.message).toMatch(/not allowed to call iam:GenerateCredentialReport/);
    }
    expect(results(run)).toMatchObject({
      'iam.root-mfa': 'fail',
      'iam.root-access-keys': 'fail',
      'iam.password-policy': 'fail',
      'iam.admin-access': 'needs_review',
    });
    expect(run.checks.find((c) => c.checkId === 'iam.root-mfa')!.notes.join(' ')).toMatch(
      /Not corroborated by the credential report/,
    );
    // The error is itself recorded, so the control page shows what permission is missing.
    expect(run.checks.find((c) => c.checkId === 'iam.root-recent-use')!.evidence.map((e) => e.kind)).toEqual([
      'findings',
    ]);
  });

  it('admin access needs review, not pass, when attached policies cannot be read (GetPolicyVersion denied)', async () => {
    // The healthy account without its SSO admin role: nobody has full access that can be seen.
    const noAdmin = await startAwsEndpoint({
      scenario: iamScenario(new Date(), (a) => (a['123456789012']!.roles = [])),
    });
    try {
      const h = await checksHarness(noAdmin.url);
      expect((await h.checks.run({ profile: 'keys', checkIds: ['iam.admin-access'] })).checks[0]).toMatchObject({
        result: 'pass',
        entities: [],
      });
      noAdmin.setFaults({ denyActions: ['iam:GetPolicyVersion'] });
      const admin = (await h.checks.run({ profile: 'keys', checkIds: ['iam.admin-access'] })).checks[0]!;
      expect(admin).toMatchObject({ result: 'needs_review', error: null });
      expect(admin.summary).toMatch(
        /^1 user and 1 group hold policies that could not be read, so whether they have full access is unknown\./,
      );
      expect(admin.entities.map((e) => [e.name, e.facts?.access])).toEqual([
        ['alice', 'unknown'],
        ['Engineers', 'unknown'],
      ]);
      expect(admin.notes.join('\n')).toMatch(/not allowed to call iam:GetPolicyVersion/);
      expect(admin.notes).toContain(
        'The document of arn:aws:iam::aws:policy/ReadOnlyAccess could not be read, so whether it grants full access is unknown; held by arn:aws:iam::123456789012:group/Engineers, arn:aws:iam::123456789012:user/alice.',
      );
    } finally {
      await noAdmin.close();
    }
  });

  it('keeps what was collected when the SSO session expires mid-run, and stops with the sign-in hint', async () => {
    const h = await checksHarness(endpoint.url);
    // The session expires as soon as the password policy is in, while the credential report is still being polled.
    h.onProgress((p) => {
      if (p.checkId === 'iam.password-policy' && p.done > 0)
        endpoint.setFaults({ latencyMs: 20, sessionCredentials: 'expired' });
    });
    endpoint.setFaults({ latencyMs: 20 });
    const run = await h.checks.run({
      profile: 'audit',
      checkIds: ['iam.password-policy', 'iam.admin-access', 'iam.root-recent-use'],
    });
    expect(run.status).toBe('stopped');
    expect(run.stopped).toMatchObject({
      code: 'SSO_TOKEN_EXPIRED',
      hint: expect.stringMatching(/aws sso login --profile audit/),
    });
    const done = run.checks.filter((c) => c.evidence.length > 0);
    expect(done.length).toBeGreaterThanOrEqual(1);
    const stopped = run.checks.filter((c) => c.evidence.length === 0);
    expect(stopped.length).toBeGreaterThanOrEqual(1);
    for (const c of stopped) expect(c.error?.code).toBe('SSO_TOKEN_EXPIRED');
    const records = await h.services.workspaces.require().evidence.list();
    expect(
      records
        .filter((r) => r.kind === 'findings')
        .map((r) => r.checkId)
        .sort(),
    ).toEqual(done.map((c) => c.checkId).sort());

    // Signed in again: the next run gets fresh credentials and completes.
    endpoint.setFaults({});
    const again = await h.checks.run({ profile: 'audit', checkIds: ['iam.root-recent-use'] });
    expect(again.status).toBe('completed');
    expect(endpoint.calls.get('sso:GetRoleCredentials')).toBe(2);
  });

  it('fails the run with a clear message when evidence cannot be written, and stops collecting', async () => {
    const h = await checksHarness(endpoint.url);
    // A file where the evidence folder belongs: every write fails, as on a full or read-only disk.
    writeFileSync(join(h.folder, 'evidence'), 'not a folder');
    await expect(h.checks.run({ profile: 'audit', checkIds: IAM_CHECK_IDS })).rejects.toMatchObject({
      code: 'SAVE_FAILED',
    });
    expect(h.checks.isRunning()).toBe(false);
    expect(endpoint.calls.get('iam:GetCredentialReport') ?? 0).toBeLessThanOrEqual(1);
  });

  it('can be cancelled; nothing half-done is stored', async () => {
    const h = await checksHarness(endpoint.url);
    endpoint.setFaults({ latencyMs: 50 });
    h.onProgress(() => h.checks.cancel());
    const run = await h.checks.run({ profile: 'audit', checkIds: IAM_CHECK_IDS });
    expect(run.status).toBe('cancelled');
    expect(run.checks.every((c) => c.result === 'error' && c.error?.code === 'CANCELLED')).toBe(true);
    expect((await h.services.workspaces.require().evidence.list()).length).toBe(0);
    expect(h.checks.isRunning()).toBe(false);
  });

  it('a cancel after some checks finished keeps those and reports them as they were', async () => {
    const h = await checksHarness(endpoint.url);
    endpoint.setFaults({ latencyMs: 20 });
    h.onProgress((p) => {
      if (p.result) h.checks.cancel();
    });
    const run = await h.checks.run({ profile: 'audit', checkIds: IAM_CHECK_IDS });
    expect(run.status).toBe('cancelled');
    const kept = run.checks.filter((c) => c.evidence.length > 0);
    expect(kept.length).toBeGreaterThanOrEqual(1);
    for (const c of kept) expect(c.result).toBe(TROUBLED_RESULTS[c.checkId as keyof typeof TROUBLED_RESULTS]);
    for (const c of run.checks.filter((x) => x.evidence.length === 0)) expect(c.error?.code).toBe('CANCELLED');
    const stored = (await h.services.workspaces.require().evidence.list())
      .filter((r) => r.kind === 'findings')
      .map((r) => r.checkId);
    expect(stored.sort()).toEqual(kept.map((c) => c.checkId).sort());
  });

  it('adds new evidence on every run and never changes earlier files; the control page shows the latest', async () => {
    const h = await checksHarness(endpoint.url);
    const first = await h.checks.run({ profile: 'audit', checkIds: ['iam.password-policy'] });
    const store = h.services.workspaces.require().evidence;
    const firstFiles = Object.fromEntries(
      (await store.list()).map((r) => [r.id, readFileSync(store.filePath(r.sha256))]),
    );
    const second = await h.checks.run({ profile: 'audit', checkIds: ['iam.password-policy'] });
    const records = await store.list();
    expect(records.length).toBe(4);
    for (const [id, bytes] of Object.entries(firstFiles))
      expect(readFileSync(store.filePath(records.find((r) => r.id === id)!.sha256))).toEqual(bytes);
    const controlId = controlsForCheck('iam.password-policy')[0]!.id;
    const view = await h.checks.latestForControl(controlId);
    const [latest, ...others] = view.checks.find((c) => c.checkId === 'iam.password-policy')!.latest;
    expect(others).toEqual([]);
    expect(latest).toMatchObject({
      runId: second.runId,
      integrity: 'ok',
      collectedBy: { name: 'Dana Founder' },
      account: { id: TROUBLED, alias: 'example-prod' },
    });
    expect(latest!.runId).not.toBe(first.runId);
    expect(latest!.finding?.summary).toMatch(/minimum length is 8/);
  });

  it('runs one control\u2019s checks', async () => {
    const h = await checksHarness(endpoint.url);
    const controlId = controlsForCheck('iam.root-mfa')[0]!.id;
    const expected = h.checks.selectChecks({ controlId });
    expect(expected).toContain('iam.root-mfa');
    const run = await h.checks.run({ profile: 'audit', controlId });
    expect(run.checks.map((c) => c.checkId).sort()).toEqual([...expected].sort());
    const activity = await h.services.workspaces.require().activity.read({ target: `control:${controlId}` });
    expect(activity.entries[0]).toMatchObject({
      action: 'checks.run',
      summary: expect.stringMatching(/^Ran \d+ IAM checks? on AWS account 111122223333/),
    });
  });

  it('writes no credential, key or token into the workspace', async () => {
    const h = await checksHarness(endpoint.url);
    await h.checks.run({ profile: 'audit', checkIds: IAM_CHECK_IDS });
    await h.checks.run({ profile: 'keys', checkIds: IAM_CHECK_IDS });
    const secrets = [...endpoint.secrets(), 'ASIAIOSFODNN7EXAMPLE', 'aoaEXAMPLEVALIDACCESSTOKEN'];
    const files = filesUnder(h.folder);
    expect(files.length).toBeGreaterThan(20);
    for (const f of files) {
      const text = readFileSync(f, 'latin1');
      for (const s of secrets) expect(text.includes(s), `${s} found in ${f}`).toBe(false);
    }
  });
});
