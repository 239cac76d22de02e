import { CHECKS } from '../../shared/checks/registry';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { controlsForCheck } from '../../shared/catalog';
import { startAwsEndpoint, type AwsEndpoint } from '../../main/sandbox/aws-endpoint';
import { hostNameUrl, sandboxLookup } from '../../main/sandbox/aws-endpoint/sandbox-http';
import { applyEnvironment } from '../fixtures/process-environment';
import { signedInAwsHomeEnvironment } from '../fixtures/signed-in-aws-home';
import { iamScenario } from '../../main/sandbox/aws-endpoint/scenarios/iam';
import type { Api } from '../../shared/ipc/create-api';
import { expect, test } from './fixtures';
import { createWorkspaceInUi } from './helpers';

let restoreEnvironment: () => void;
let endpoint: AwsEndpoint;

test.beforeAll(async () => {
  endpoint = await startAwsEndpoint({ scenario: iamScenario(new Date()) });
  // By host name, so S3 Control's account prefix reaches the endpoint (an IP makes an invalid URL).
  restoreEnvironment = applyEnvironment(
    signedInAwsHomeEnvironment(mkdtempSync(join(tmpdir(), 'aw-ui-home-')), hostNameUrl(endpoint.url)),
  );
});

test.afterAll(async () => {
  restoreEnvironment();
  await endpoint.close();
});

test.afterEach(() => endpoint.setFaults({}));

async function workspaceWithProfile(page: Page, folder: string) {
  await createWorkspaceInUi(page, folder);
  // What the AWS screen stores when the person picks the profile for this workspace.
  const set = await page.evaluate(() =>
    (window as unknown as { api: Api }).api.aws.setWorkspaceProfile({ profile: 'audit' }),
  );
  expect(set.ok).toBe(true);
}

const fast = {
  services: {
    aws: { clientSettings: { lookup: sandboxLookup } },
    checks: { poll: { delaysMs: [5, 10], maxWaitMs: 5_000 } },
  },
};

test('runs all checks on a scenario account and shows the findings on the controls\u2019 pages', async ({
  launch,
  workspaceDir,
}) => {
  test.setTimeout(240_000);
  const app = await launch(fast);
  const { page } = app;
  await workspaceWithProfile(page, workspaceDir);
  endpoint.setFaults({ latencyMs: 40 });

  await page.getByTestId('nav-checks').click();
  await expect(page.getByTestId('checks-screen')).toContainText('Profile audit');
  await page.getByTestId('checks-run-all').click();
  // A bar per check while it runs.
  await expect(page.getByTestId('check-progress-row')).toHaveCount(CHECKS.length);
  const results = page.getByTestId('run-results');
  // 24 checks over 17 regions, with the regions-in-use reads: well over 30 s on a loaded machine.
  await expect(results).toHaveAttribute('data-status', 'completed', { timeout: 150_000 });
  await expect(results).toContainText('AWS account 111122223333 (example-prod)');
  await expect(results).toContainText('by Dana Founder');
  await expect(page.getByTestId('run-check')).toHaveCount(CHECKS.length);
  const rootMfa = page.locator('[data-testid="run-check"][data-check-id="iam.root-mfa"]');
  await expect(rootMfa.getByTestId('check-result')).toHaveText('Fail');
  await rootMfa.getByRole('button').first().click();
  await expect(rootMfa.getByTestId('finding-summary')).toHaveText('The root user has no MFA device.');
  await expect(
    page.locator('[data-testid="run-check"][data-check-id="iam.admin-access"]').getByTestId('check-result'),
  ).toHaveText('Needs review');
  // S3 Control is reached under its account prefix: the account's public access block is read.
  await expect(
    page.locator('[data-testid="run-check"][data-check-id="network.s3-public-access"]').getByTestId('check-result'),
  ).not.toHaveText('Error');

  // The control that expects iam.admin-access shows its latest finding with the entities, when and by whom.
  const controlId = controlsForCheck('iam.admin-access')[0]!.id;
  await page.getByTestId('nav-controls').click();
  await page.getByTestId(`control-row-${controlId}`).click();
  const finding = page.locator('[data-testid="control-finding"][data-check-id="iam.admin-access"]');
  await expect(finding.getByTestId('check-result')).toHaveText('Needs review');
  await expect(finding.getByTestId('finding-provenance')).toContainText(
    /Collected \d{4}-\d\d-\d\d \d\d:\d\d UTC by Dana Founder · AWS account 111122223333 \(example-prod\)/,
  );
  await expect(finding.getByTestId('finding-entity')).toHaveCount(6);
  await expect(finding.getByTestId('finding-entities')).toContainText(
    'arn:aws:iam::111122223333:role/OrganizationAccountAccessRole',
  );
  await expect(finding.getByTestId('finding-entities')).toContainText('only under conditions');

  // Back on the Checks screen later: the latest result of each check, when and by whom.
  await page.getByTestId('nav-checks').click();
  const latest = page.locator('[data-testid="latest-row"][data-check-id="iam.password-policy"]');
  await expect(latest.getByTestId('check-result')).toHaveText('Fail');
  await expect(latest).toContainText('by Dana Founder');

  // Every control that expects a check shows it.
  const mfaControl = controlsForCheck('iam.console-users-mfa')[0]!.id;
  await page.getByTestId('nav-controls').click();
  await page.getByTestId(`control-row-${mfaControl}`).click();
  const mfa = page.locator('[data-testid="control-finding"][data-check-id="iam.console-users-mfa"]');
  await expect(mfa.getByTestId('check-result')).toHaveText('Fail');
  await expect(mfa.getByTestId('finding-entities')).toContainText('old-contractor');

  // Failing checks block readiness on the dashboard, named with what to do.
  await page.getByTestId('nav-dashboard').click();
  await expect(page.getByTestId('blockers')).toContainText('The automated check iam.root-mfa fails');
});

test('a denied permission shows on the control page; the control\u2019s other checks still finish', async ({
  launch,
  workspaceDir,
}) => {
  const app = await launch(fast);
  const { page } = app;
  await workspaceWithProfile(page, workspaceDir);
  endpoint.setFaults({ denyActions: ['iam:GenerateCredentialReport'] });
  const controlId = controlsForCheck('iam.root-recent-use')[0]!.id;
  await page.getByTestId('nav-controls').click();
  await page.getByTestId(`control-row-${controlId}`).click();
  const recent = page.locator('[data-testid="control-finding"][data-check-id="iam.root-recent-use"]');
  await expect(recent).toContainText('Not run yet');
  await page.getByTestId('control-run-checks').click();
  await expect(recent.getByTestId('check-result')).toHaveText('Error');
  await expect(recent.getByTestId('finding-error')).toContainText('Missing permission: iam:GenerateCredentialReport');
  await expect(recent.getByTestId('finding-error')).toContainText(
    'Add iam:GenerateCredentialReport to the permission set',
  );
  const rootMfa = page.locator('[data-testid="control-finding"][data-check-id="iam.root-mfa"]');
  await expect(rootMfa.getByTestId('check-result')).toHaveText('Fail');
});

test('cancel stops a run and says what was kept', async ({ launch, workspaceDir }) => {
  const app = await launch(fast);
  const { page } = app;
  await workspaceWithProfile(page, workspaceDir);
  endpoint.setFaults({ latencyMs: 400 });
  await page.getByTestId('nav-checks').click();
  await page.getByTestId('checks-run-all').click();
  await page.getByTestId('checks-cancel').click();
  await expect(page.getByTestId('run-results')).toHaveAttribute('data-status', 'cancelled', { timeout: 30_000 });
  await expect(page.getByTestId('run-results')).toContainText('Cancelled');
});
