import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../../main/cli';
import { startAwsEndpoint, type AwsEndpoint } from '../../../main/sandbox/aws-endpoint';
import {
  sampleIdentityCenter,
  withIdentityCenter,
} from '../../../main/sandbox/aws-endpoint/scenarios/identity-center-sample';
import { ALL_KINDS_CONFIG, ALL_KINDS_CREDENTIALS, awsHome } from '../aws/aws-home';
import { iamScenario } from '../iam/iam-harness';

let endpoint: AwsEndpoint;
beforeAll(async () => {
  const base = iamScenario(new Date(), (a) => (a['123456789012']!.credentialReport = { existingReportAgeMinutes: 5 }));
  endpoint = await startAwsEndpoint({
    scenario: withIdentityCenter(base, sampleIdentityCenter('123456789012', 'us-east-1')),
  });
});
afterAll(() => endpoint.close());
afterEach(() => vi.unstubAllEnvs());

async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('npm run cli -- access-review population', () => {
  it('prints one object per identity with kind, id, name, ARN, accounts, permission sets and flags, and stores it as evidence', async () => {
    awsHome({ config: ALL_KINDS_CONFIG, credentials: ALL_KINDS_CREDENTIALS, endpointUrl: endpoint.url });
    const folder = join(mkdtempSync(join(tmpdir(), 'aw-cli-')), 'ws');
    const r = await cli(
      'access-review',
      'population',
      '--profile',
      'keys',
      '--workspace',
      folder,
      '--json',
      '--as',
      'Jane <jane@acme.example>',
    );
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc.account).toEqual({ id: '123456789012' });
    const dana = doc.identities.find((i: { name: string }) => i.name === 'Dana Founder (dana@acme.example)');
    expect(dana).toMatchObject({
      kind: 'sso_user',
      accounts: ['123456789012', '444455556666'],
      permissionSets: [
        'AdministratorAccess @ 123456789012 (via Admins)',
        'AdministratorAccess @ 444455556666 (via Admins)',
      ],
      flags: ['full_admin', 'unexplained'],
    });
    const user = doc.identities.find((i: { kind: string }) => i.kind === 'iam_user');
    expect(user.arn).toMatch(/^arn:aws:iam::123456789012:user\//);
    expect(readdirSync(join(folder, 'evidence', 'records'))).toHaveLength(1);
    expect(doc.evidence.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('names what is wrong with the command line', async () => {
    const r = await cli('access-review', 'people');
    expect(r.code).toBe(2);
    expect(r.err).toContain('Unknown access-review command "people"');
  });
});
