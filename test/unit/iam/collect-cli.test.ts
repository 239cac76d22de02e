import { existsSync, mkdtempSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../../main/cli';
import { machineInstallId } from '../../../main/services/workspace/machine-install-id';
import { LOCK_FILE } from '../../../main/services/workspace/lock';
import { startAwsEndpoint, type AwsEndpoint } from '../../../main/sandbox/aws-endpoint';
import { ALL_KINDS_CONFIG, ALL_KINDS_CREDENTIALS, awsHome } from '../aws/aws-home';
import { iamScenario, IAM_CHECK_IDS } from './iam-harness';

let endpoint: AwsEndpoint;
beforeAll(async () => {
  endpoint = await startAwsEndpoint({
    scenario: iamScenario(new Date(), (a) => (a['123456789012']!.credentialReport = { existingReportAgeMinutes: 5 })),
  });
});
afterAll(() => endpoint.close());
afterEach(() => {
  vi.unstubAllEnvs();
  endpoint.setFaults({});
});

async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const newFolder = () => join(mkdtempSync(join(tmpdir(), 'aw-cli-')), 'ws');

describe('npm run cli -- collect', () => {
  it('creates a workspace with defaults, runs the checks, prints the JSON document and exits 0', async () => {
    awsHome({ config: ALL_KINDS_CONFIG, credentials: ALL_KINDS_CREDENTIALS, endpointUrl: endpoint.url });
    const folder = newFolder();
    const r = await cli(
      'collect',
      '--profile',
      'keys',
      '--workspace',
      folder,
      '--only',
      IAM_CHECK_IDS.join(','),
      '--json',
      '--as',
      'Jane Auditor <jane@acme.example>',
    );
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc).toMatchObject({
      account: { id: '123456789012' },
      principal: 'arn:aws:iam::123456789012:user/ci-deployer',
      collectedBy: { name: 'Jane Auditor', email: 'jane@acme.example' },
      status: 'completed',
    });
    expect(doc.collectedAt).toMatch(/Z$/);
    expect(doc.checks).toHaveLength(9);
    const admin = doc.checks.find((c: { id: string }) => c.id === 'iam.admin-access');
    expect(admin).toMatchObject({
      result: 'needs_review',
      error: null,
      entities: [
        { arn: expect.stringMatching(/role\/aws-reserved\/sso.amazonaws.com\/AWSReservedSSO_AdministratorAccess_/) },
      ],
    });
    for (const c of doc.checks) {
      for (const e of c.evidence) {
        // Each evidence file is where the document says and has the hash it says.
        const bytes = readFileSync(join(folder, e.file));
        const { createHash } = await import('node:crypto');
        expect(createHash('sha256').update(bytes).digest('hex')).toBe(e.sha256);
      }
    }
    const meta = JSON.parse(readFileSync(join(folder, 'workspace.json'), 'utf8'));
    expect(meta).toMatchObject({ companyName: 'ws', createdBy: { name: 'Jane Auditor' } });
  });

  it('takes over the lock a crashed run left on this machine, and refuses one from another machine', async () => {
    awsHome({ config: ALL_KINDS_CONFIG, credentials: ALL_KINDS_CREDENTIALS, endpointUrl: endpoint.url });
    const folder = newFolder();
    expect((await cli('collect', '--profile', 'keys', '--workspace', folder, '--only', 'iam.root-mfa')).code).toBe(0);
    const installId = machineInstallId();
    const crashed = {
      host: hostname(),
      pid: 999_999,
      user: 'ci',
      since: '2026-11-20T09:00:00.000Z',
      instanceId: 'crashed',
    };
    writeFileSync(join(folder, LOCK_FILE), JSON.stringify({ ...crashed, ...(installId ? { installId } : {}) }));
    const again = await cli('collect', '--profile', 'keys', '--workspace', folder, '--only', 'iam.root-mfa');
    // Where the OS has no machine id, the CLI cannot tell its own crashed run from another machine's: it asks.
    expect(again.code).toBe(installId ? 0 : 1);
    writeFileSync(join(folder, LOCK_FILE), JSON.stringify({ ...crashed, installId: 'another-machine' }));
    const refused = await cli('collect', '--profile', 'keys', '--workspace', folder, '--only', 'iam.root-mfa');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('WORKSPACE_LOCKED');
  });

  it('adds to an existing workspace with --only, and prints a table without --json', async () => {
    awsHome({ config: ALL_KINDS_CONFIG, credentials: ALL_KINDS_CREDENTIALS, endpointUrl: endpoint.url });
    const folder = newFolder();
    expect(
      (await cli('collect', '--profile', 'keys', '--workspace', folder, '--only', 'iam.root-mfa', '--json')).code,
    ).toBe(0);
    const r = await cli(
      'collect',
      '--profile',
      'keys',
      '--workspace',
      folder,
      '--only',
      'iam.root-mfa,iam.password-policy',
    );
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/iam\.root-mfa\s+Pass/);
    expect(r.out).toMatch(/iam\.password-policy\s+Pass/);
    expect(r.out).toMatch(/evidence records in/);
  });

  it('exits 0 with a denied action reported, 1 when it cannot run, 2 on bad arguments', async () => {
    awsHome({ config: ALL_KINDS_CONFIG, credentials: ALL_KINDS_CREDENTIALS, endpointUrl: endpoint.url });
    endpoint.setFaults({ denyActions: ['iam:GetAccountAuthorizationDetails'] });
    const denied = await cli(
      'collect',
      '--profile',
      'keys',
      '--workspace',
      newFolder(),
      '--json',
      '--only',
      'iam.admin-access,iam.root-mfa',
    );
    expect(denied.code).toBe(0);
    const doc = JSON.parse(denied.out);
    expect(doc.checks[0]).toMatchObject({
      id: 'iam.admin-access',
      result: 'error',
      error: { code: 'ACCESS_DENIED', missingAction: 'iam:GetAccountAuthorizationDetails' },
    });
    expect(doc.checks[1]).toMatchObject({ id: 'iam.root-mfa', result: 'pass' });

    const noProfile = await cli('collect', '--profile', 'nope', '--workspace', newFolder(), '--json');
    expect(noProfile.code).toBe(1);
    expect(JSON.parse(noProfile.out).error.code).toBe('PROFILE_NOT_FOUND');

    const busy = newFolder();
    mkdirSync(busy, { recursive: true });
    writeFileSync(join(busy, 'notes.txt'), 'mine');
    const notEmpty = await cli('collect', '--profile', 'keys', '--workspace', busy);
    expect(notEmpty.code).toBe(1);
    expect(notEmpty.err).toMatch(/is not empty and holds no workspace/);

    expect((await cli('collect', '--profile', 'keys', '--workspace', newFolder(), '--only', 'iam.nope')).code).toBe(1);
    expect((await cli('collect', '--workspace', newFolder())).code).toBe(2);
  });

  it('leaves no workspace behind when sign-in fails: a new folder is not created, an empty one stays empty', async () => {
    // Profile `audit` is an SSO profile and this home has no SSO token cache: the profile exists, sign-in fails.
    awsHome({ config: ALL_KINDS_CONFIG, credentials: ALL_KINDS_CREDENTIALS, endpointUrl: endpoint.url });
    const fresh = newFolder();
    const r = await cli('collect', '--profile', 'audit', '--workspace', fresh, '--json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).error.code).toBe('SSO_TOKEN_MISSING');
    expect(existsSync(fresh)).toBe(false);
    const empty = newFolder();
    mkdirSync(empty);
    expect((await cli('collect', '--profile', 'audit', '--workspace', empty)).code).toBe(1);
    expect(readdirSync(empty)).toEqual([]);
    // Once signed in, the same folder becomes the workspace.
    expect(
      (await cli('collect', '--profile', 'keys', '--workspace', empty, '--only', 'iam.root-mfa', '--json')).code,
    ).toBe(0);
    expect(existsSync(join(empty, 'workspace.json'))).toBe(true);
  });

  it('--region sets the region every record is stamped with; a region that is not one is refused before any call', async () => {
    awsHome({ config: ALL_KINDS_CONFIG, credentials: ALL_KINDS_CREDENTIALS, endpointUrl: endpoint.url });
    const folder = newFolder();
    const r = await cli(
      'collect',
      '--profile',
      'keys',
      '--workspace',
      folder,
      '--region',
      'eu-central-1',
      '--only',
      'iam.root-mfa',
      '--json',
    );
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc).toMatchObject({
      region: 'eu-central-1',
      status: 'completed',
      checks: [{ id: 'iam.root-mfa', result: 'pass' }],
    });
    const findings = doc.checks[0].evidence.find((e: { name: string }) => e.name.endsWith('-findings.json'));
    const provenance = JSON.parse(readFileSync(join(folder, findings.file), 'utf8')).provenance;
    expect(provenance.region).toBe('eu-central-1');
    expect(provenance.operations.map((o: { region?: string }) => o.region)).toEqual(
      provenance.operations.map(() => 'eu-central-1'),
    );

    endpoint.resetCalls();
    const bad = await cli(
      'collect',
      '--profile',
      'keys',
      '--workspace',
      newFolder(),
      '--region',
      'eu central',
      '--json',
    );
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--region "eu central" is not a region/);
    expect([...endpoint.calls.values()].reduce((a, b) => a + b, 0)).toBe(0);
  });
});
