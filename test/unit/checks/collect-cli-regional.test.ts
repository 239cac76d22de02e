import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectCommand } from '../../../main/cli/collect';
import { sandboxLookup } from '../../../main/sandbox/aws-endpoint/sandbox-http';
import { PRODUCTION, multiAccountScenario } from '../../../main/sandbox/aws-endpoint/scenarios/multi-account';
import { useLocalEndpoint } from '../helpers/local-endpoint';
import { signedInSsoHome } from '../helpers/sso-home';

const endpoint = useLocalEndpoint(() => ({ scenario: multiAccountScenario() }));

describe('npm run cli -- collect, with the checks beyond IAM', () => {
  it('--only takes the new check ids, and --json names the account of every result and the region of every regional entity', async () => {
    signedInSsoHome(endpoint.url);
    const out: string[] = [];
    const err: string[] = [];
    const folder = join(mkdtempSync(join(tmpdir(), 'aw-cli-regional-')), 'ws');
    const only = [
      'monitoring.guardduty',
      'encryption.ebs-default',
      'network.open-admin-ports',
      'encryption.s3-default',
    ];
    const code = await collectCommand(
      ['--profile', 'audit', '--workspace', folder, '--only', only.join(','), '--json'],
      { out: (t) => out.push(t), err: (t) => err.push(t) },
      { aws: { clientSettings: { maxAttempts: 3, lookup: sandboxLookup } } },
    );
    expect(code, err.join('\n')).toBe(0);
    const doc = JSON.parse(out.join('\n'));
    expect(doc.checks.map((c: { id: string }) => c.id).sort()).toEqual([...only].sort());
    for (const c of doc.checks) expect(c.accountId).toBe(PRODUCTION);
    const account = doc.accounts.find((a: { id: string }) => a.id === PRODUCTION);
    expect(account.regions.map((r: { region: string }) => r.region)).toContain('eu-south-1');
    const guardduty = doc.checks.find((c: { id: string }) => c.id === 'monitoring.guardduty');
    expect(guardduty.entities.every((e: { region?: string }) => typeof e.region === 'string')).toBe(true);
    expect(guardduty.entities.find((e: { region: string }) => e.region === 'eu-south-1')).toMatchObject({
      result: 'fail',
      detail: expect.stringMatching(/In use: 1 VPC besides the default one/),
    });
    // A bucket the reader is denied is that bucket's error, in its region, with the reason.
    const s3 = doc.checks.find((c: { id: string }) => c.id === 'encryption.s3-default');
    expect(s3.entities.find((e: { name: string }) => e.name === `prod-restricted-${PRODUCTION}`)).toMatchObject({
      region: 'eu-west-1',
      result: 'error',
      detail: expect.stringMatching(/Could not be read: .*\(missing s3:GetEncryptionConfiguration\)/),
    });
  }, 120_000);
});
