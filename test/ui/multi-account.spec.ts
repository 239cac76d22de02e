import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { controlsForCheck } from '../../shared/catalog';
import { startAwsEndpoint, type AwsEndpoint } from '../../main/sandbox/aws-endpoint';
import { hostNameUrl, sandboxLookup } from '../../main/sandbox/aws-endpoint/sandbox-http';
import { applyEnvironment } from '../fixtures/process-environment';
import { signedInAwsHomeEnvironment } from '../fixtures/signed-in-aws-home';
import { PRODUCTION, STAGING, multiAccountScenario } from '../../main/sandbox/aws-endpoint/scenarios/multi-account';
import type { Api } from '../../shared/ipc/create-api';
import { expect, test } from './fixtures';
import { createWorkspaceInUi } from './helpers';

let restoreEnvironment: () => void;
let endpoint: AwsEndpoint;

test.beforeAll(async () => {
  endpoint = await startAwsEndpoint({ scenario: multiAccountScenario() });
  // By host name, so S3 virtual-host style and S3 Control's account prefix reach the endpoint.
  restoreEnvironment = applyEnvironment(
    signedInAwsHomeEnvironment(mkdtempSync(join(tmpdir(), 'aw-ui-home-')), hostNameUrl(endpoint.url)),
  );
});

test.afterAll(async () => {
  restoreEnvironment();
  await endpoint.close();
});

const options = {
  services: {
    aws: { clientSettings: { maxAttempts: 3, lookup: sandboxLookup } },
    checks: { poll: { delaysMs: [5, 10], maxWaitMs: 5_000 } },
  },
};

test('the full collection on two accounts shows findings per account on a control and on the dashboard; scope decides', async ({
  launch,
  workspaceDir,
}) => {
  test.setTimeout(240_000);
  const app = await launch(options);
  const { page } = app;
  await createWorkspaceInUi(page, workspaceDir);
  const chosen = await page.evaluate(
    async ([prod, staging]) => {
      const { api } = window as unknown as { api: Api };
      await api.aws.setWorkspaceProfile({ profile: 'audit' });
      return api.aws.selectAccounts({ profile: 'audit', accountIds: [prod!, staging!] });
    },
    [PRODUCTION, STAGING],
  );
  expect(chosen.ok).toBe(true);

  await page.getByTestId('nav-checks').click();
  await page.getByTestId('checks-run-all').click();
  // While it runs, one line per account says how many of its regions are read and checks done.
  const accountLine = (id: string) => page.locator(`[data-testid="account-progress-row"][data-account-id="${id}"]`);
  for (const id of [PRODUCTION, STAGING])
    await expect(accountLine(id)).toContainText(
      new RegExp(`${id}\\)?: \\d+ of \\d+ regions read, \\d+ of \\d+ checks done`),
    );
  await expect(page.getByTestId('account-progress-row')).toHaveCount(2);
  await expect(page.getByTestId('checks-cancel')).toBeVisible();
  await expect(page.getByTestId('run-results')).toHaveAttribute('data-status', 'completed', { timeout: 200_000 });
  // Each result says its account: one row per account and check.
  for (const id of [PRODUCTION, STAGING]) {
    const row = page.locator(
      `[data-testid="run-check"][data-check-id="monitoring.guardduty"][data-account-id="${id}"]`,
    );
    await expect(row).toHaveCount(1);
    await expect(row.getByTestId('run-check-account')).toContainText(`AWS account ${id}`);
  }

  // GuardDuty is regional: the control page says per account, and per region within it.
  const controlId = controlsForCheck('monitoring.guardduty')[0]!.id;
  await page.getByTestId('nav-controls').click();
  await page.getByTestId(`control-row-${controlId}`).click();
  const guardduty = page.locator('[data-testid="control-finding"][data-check-id="monitoring.guardduty"]');
  const prod = guardduty.locator(`[data-testid="control-finding-account"][data-account-id="${PRODUCTION}"]`);
  const staging = guardduty.locator(`[data-testid="control-finding-account"][data-account-id="${STAGING}"]`);
  await expect(prod.getByTestId('check-result')).toHaveText('Fail');
  await expect(prod.getByTestId('finding-provenance')).toContainText(`AWS account ${PRODUCTION}`);
  await expect(prod.getByTestId('finding-entities')).toContainText('eu-south-1');
  await expect(prod.getByTestId('entity-region').first()).not.toBeEmpty();
  await expect(staging.getByTestId('finding-provenance')).toContainText(`AWS account ${STAGING}`);
  await expect(guardduty.getByTestId('out-of-scope-findings')).toHaveCount(0);

  // The dashboard's blockers say which account fails: one in Production, one in Staging.
  await page.getByTestId('nav-dashboard').click();
  const blockers = page.getByTestId('blockers');
  await expect(blockers).toContainText(`encryption.ebs-default fails in AWS account ${PRODUCTION}`);
  await expect(blockers).toContainText(`logging.cloudtrail-encrypted fails in AWS account ${STAGING}`);

  // Staging leaves the scope: its findings are listed apart on the control, never as its result.
  const narrowed = await page.evaluate(
    (prodId) => (window as unknown as { api: Api }).api.aws.selectAccounts({ profile: 'audit', accountIds: [prodId] }),
    PRODUCTION,
  );
  expect(narrowed.ok).toBe(true);
  await page.getByTestId('nav-checks').click();
  await page.getByTestId('nav-dashboard').click();
  await expect(blockers).toContainText(`encryption.ebs-default fails in AWS account ${PRODUCTION}`);
  await expect(blockers).not.toContainText(`in AWS account ${STAGING}`);
  await page.getByTestId('nav-controls').click();
  await page.getByTestId(`control-row-${controlId}`).click();
  await expect(prod.getByTestId('check-result')).toHaveText('Fail');
  await expect(staging).toHaveCount(0);
  await expect(guardduty.locator(`[data-testid="out-of-scope-finding"][data-account-id="${STAGING}"]`)).toContainText(
    `AWS account ${STAGING}`,
  );
});
