import { expect, it } from 'vitest';
import { useLocalEndpoint } from '../helpers/local-endpoint';
import { formulaCellsOf } from '../../../shared/rules/formula-cells';
import { checksHarness, iamScenario, TROUBLED } from './iam-harness';

// IAM allows = + - @ in user names, so the credential report AWS returns can hold a cell a
// spreadsheet would run. The stored CSV keeps AWS's bytes; the flag travels with the record.
const endpoint = useLocalEndpoint(() => ({
  scenario: iamScenario(new Date(), (accounts) => {
    accounts[TROUBLED]!.users.push({
      name: '=HYPERLINK',
      id: 'AIDAEXAMPLEFORMULA01',
      createdAt: '2026-01-05T10:00:00Z',
    });
  }),
}));

it("flags the credential report a collector stores when a user's name looks like a spreadsheet formula", async () => {
  const h = await checksHarness(endpoint.url);
  const run = await h.checks.run({ profile: 'audit', checkIds: ['iam.root-mfa'] });
  expect(run.checks[0]!.result).not.toBe('error');
  const records = await h.services.workspaces.require().evidence.list();
  const report = records.find((r) => r.fileName === 'iam-credential-report.csv')!;
  expect((await h.services.workspaces.require().evidence.read(report)).toString()).toContain('\n=HYPERLINK,');
  expect(formulaCellsOf(report)).toEqual({ count: 1, first: expect.stringMatching(/^A\d+$/) });
});
