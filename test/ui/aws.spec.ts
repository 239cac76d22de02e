import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAwsEndpoint, type AwsEndpoint } from '../../main/sandbox/aws-endpoint';
import { ALL_KINDS_CONFIG, ALL_KINDS_CREDENTIALS } from '../../main/sandbox/aws-endpoint/scenarios/basic-profiles';
import { leakedSecrets } from '../fixtures/secret-scan';
import { expect, test } from './fixtures';
import { applyEnvironment } from '../fixtures/process-environment';
import { createWorkspaceInUi } from './helpers';

let restoreEnvironment: () => void;
let endpoint: AwsEndpoint;

test.beforeAll(async () => {
  endpoint = await startAwsEndpoint({ scenario: 'basic' });
  const home = mkdtempSync(join(tmpdir(), 'aw-ui-home-'));
  mkdirSync(join(home, '.aws'));
  writeFileSync(join(home, '.aws', 'config'), ALL_KINDS_CONFIG);
  writeFileSync(join(home, '.aws', 'credentials'), ALL_KINDS_CREDENTIALS);
  restoreEnvironment = applyEnvironment({
    HOME: home,
    AWS_ENDPOINT_URL: endpoint.url,
    AWS_CONFIG_FILE: '',
    AWS_SHARED_CREDENTIALS_FILE: '',
    AWS_PROFILE: '',
  });
});

test.afterAll(async () => {
  restoreEnvironment();
  await endpoint.close();
});

const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? filesUnder(join(dir, n)) : [join(dir, n)]));

test('signs in with the device flow, approves on the verification page, and shows the identity', async ({
  launch,
  workspaceDir,
}) => {
  const app = await launch({ services: { aws: { pollScale: 0.05 } } });
  const { page } = app;
  await createWorkspaceInUi(page, workspaceDir);
  await page.getByTestId('nav-aws').click();

  const row = page.getByTestId('aws-profile-audit');
  await expect(row).toContainText('SSO (sso-session)');
  await expect(row).toContainText('111122223333');
  await expect(row.getByTestId('aws-session')).toHaveText('Not signed in');
  await expect(page.getByTestId('aws-profile-keys')).toContainText('Access keys');
  await row.click();
  // Accounts are listed through the workspace's profile, and it has none yet.
  await expect(page.getByTestId('aws-accounts-no-profile')).toContainText("Choose the workspace's profile first");
  await expect(page.getByTestId('aws-list-accounts')).toHaveCount(0);

  // Not signed in yet: the connection test says what to do.
  await page.getByTestId('aws-test-connection').click();
  await expect(page.getByTestId('error-notice')).toHaveAttribute('data-error-code', 'SSO_TOKEN_MISSING');
  await expect(page.getByTestId('error-notice')).toContainText('Sign in again');

  await page.getByTestId('aws-signin-start').click();
  const code = (await page.getByTestId('aws-user-code').textContent())!.trim();
  expect(code).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
  await expect.poll(() => app.openedUrls.length).toBe(1);

  // The person's browser: the local stand-in for AWS's verification page.
  const browserTab = await page.context().newPage();
  await browserTab.goto(app.openedUrls[0]!);
  await expect(browserTab.locator('#user-code')).toHaveText(code);
  await browserTab.getByRole('button', { name: 'Allow' }).click();
  await expect(browserTab.locator('h1')).toHaveText('Request approved');
  await browserTab.close();

  await expect(page.getByTestId('aws-signin-done')).toBeVisible();
  await expect(row.getByTestId('aws-session')).toContainText('Signed in until');

  await page.getByTestId('aws-region').fill('eu-west-1');
  await page.getByTestId('aws-test-connection').click();
  await expect(page.getByTestId('aws-identity-account')).toHaveText('111122223333');
  await expect(page.getByTestId('aws-identity-alias')).toHaveText('example-prod');
  await expect(page.getByTestId('aws-identity-principal')).toHaveText(
    /^arn:aws:sts::111122223333:assumed-role\/AWSReservedSSO_AuditRole_[0-9a-f]{16}\/jane@example\.com$/,
  );
  await expect(page.getByTestId('aws-identity-region')).toHaveText('eu-west-1');

  await page.getByTestId('aws-use-profile').click();
  await expect(page.getByTestId('aws-workspace-profile')).toBeVisible();
  await expect(page.getByTestId('aws-accounts-profile')).toHaveText('Listed through the workspace\'s profile "audit".');
  // Highlighting another profile changes neither the profile the accounts are listed through nor what is saved.
  await page.getByTestId('aws-profile-keys').click();
  await expect(page.getByTestId('aws-selected-profile')).toContainText('keys');
  await expect(page.getByTestId('aws-accounts-profile')).toHaveText('Listed through the workspace\'s profile "audit".');
  await page.getByTestId('aws-list-accounts').click();
  await expect(page.getByTestId('aws-account-444455556666')).toContainText('Roles: AuditRole, AdministratorAccess');
  await page.getByTestId('aws-account-111122223333').getByRole('checkbox').check();
  await page.getByTestId('aws-save-accounts').click();
  await expect(page.getByTestId('aws-selected-accounts')).toHaveText('In scope for this workspace: 111122223333');
  const listed = app.ipc
    .filter((c) => c.channel === 'aws.listAccounts' || c.channel === 'aws.selectAccounts')
    .map((c) => (c.input as { profile: string }).profile);
  expect(listed).toEqual(['audit', 'audit']);
  await row.click();
  await expect(page.getByTestId('aws-policy-json')).toContainText('"iam:GenerateCredentialReport"');

  // A second sign-in that the person leaves and comes back to, then abandons: Cancel stops the polling.
  await page.getByTestId('aws-signin-start').click();
  const second = (await page.getByTestId('aws-user-code').textContent())!.trim();
  await page.getByTestId('nav-team').click();
  await page.getByTestId('nav-aws').click();
  await expect(page.getByTestId('aws-user-code')).toHaveText(second);
  await page.getByTestId('aws-signin-cancel').click();
  await expect(page.getByText('Sign-in cancelled.')).toBeVisible();

  // The workspace remembers the profile, region and accounts; nothing secret reached the page or the disk.
  const meta = JSON.parse(readFileSync(join(workspaceDir, 'workspace.json'), 'utf8'));
  expect(JSON.stringify(meta)).toContain('"profile":"audit"');
  const haystacks: [string, string][] = [
    ['IPC', JSON.stringify(app.ipc)],
    ['events', JSON.stringify(app.pushed)],
    ...filesUnder(workspaceDir).map((f): [string, string] => [f, readFileSync(f, 'latin1')]),
  ];
  expect(leakedSecrets(endpoint.secrets(), haystacks)).toEqual([]);
});

test("signs in without a code: AWS's page redirects back to the app on this computer", async ({
  launch,
  workspaceDir,
}) => {
  const app = await launch({ services: { aws: { pollScale: 0.05 } } });
  const { page } = app;
  await createWorkspaceInUi(page, workspaceDir);
  await page.getByTestId('nav-aws').click();
  await page.getByTestId('aws-profile-audit').click();
  await page.getByTestId('aws-signin-browser').click();
  await expect(page.getByTestId('aws-signin-browser-waiting')).toBeVisible();
  await expect.poll(() => app.openedUrls.length).toBe(1);

  const browserTab = await page.context().newPage();
  await browserTab.goto(app.openedUrls[0]!);
  await browserTab.getByRole('button', { name: 'Allow access' }).click();
  await expect(browserTab.locator('h1')).toHaveText('Signed in');
  await browserTab.close();

  await expect(page.getByTestId('aws-signin-done')).toBeVisible();
  await page.getByTestId('aws-test-connection').click();
  await expect(page.getByTestId('aws-identity-account')).toHaveText('111122223333');
});

test('a broken profile is shown with its problem and line; the others still work', async ({ launch, workspaceDir }) => {
  const dir = mkdtempSync(join(tmpdir(), 'aw-ui-broken-'));
  const config = join(dir, 'config');
  writeFileSync(
    config,
    `${ALL_KINDS_CONFIG}\n[profile dangling]\nsso_session = nowhere\nsso_account_id = 111122223333\nsso_role_name = AuditRole\n`.replace(
      /\n/g,
      '\r\n',
    ),
  );
  process.env.AWS_CONFIG_FILE = config;
  try {
    const app = await launch();
    const { page } = app;
    await createWorkspaceInUi(page, workspaceDir);
    await page.getByTestId('nav-aws').click();
    const broken = page.getByTestId('aws-profile-dangling');
    await expect(broken).toContainText(
      /config line \d+: sso_session = nowhere names no \[sso-session nowhere\] section/,
    );
    await broken.click();
    await expect(page.getByText('This profile cannot be used yet')).toBeVisible();
    await expect(page.getByTestId('aws-signin-start')).toHaveCount(0);

    await page.getByTestId('aws-profile-keys').click();
    await page.getByTestId('aws-test-connection').click();
    await expect(page.getByTestId('aws-identity-account')).toHaveText('123456789012');
    await expect(page.getByTestId('aws-identity-alias')).toHaveText('none');
  } finally {
    delete process.env.AWS_CONFIG_FILE;
  }
});

test("a failed sign-in is shown, also one that failed while the AWS screen was closed; AWS's own words are shown small", async ({
  launch,
  workspaceDir,
}) => {
  const config = join(mkdtempSync(join(tmpdir(), 'aw-ui-typo-')), 'config');
  writeFileSync(
    config,
    `${ALL_KINDS_CONFIG}\n[profile typo]\nsso_start_url = https://d-9067exmaple.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 444455556666\nsso_role_name = AuditRole\n`,
  );
  process.env.AWS_CONFIG_FILE = config;
  try {
    const app = await launch({ services: { aws: { pollScale: 0.05 } } });
    const { page } = app;
    await createWorkspaceInUi(page, workspaceDir);
    await page.getByTestId('nav-aws').click();
    await expect(page.getByTestId('aws-profile-keys').getByTestId('aws-session')).toHaveText(
      'Usable (no sign-in needed)',
    );

    await page.getByTestId('aws-profile-typo').click();
    await page.getByTestId('aws-signin-start').click();
    const notice = page.getByTestId('error-notice');
    await expect(notice).toHaveAttribute('data-error-code', 'PROFILE_INVALID');
    await expect(notice).toContainText('Check sso_start_url and sso_region in [profile typo]');
    await expect(notice.getByTestId('error-aws-message')).toHaveText(
      'AWS said (InvalidRequestException): Invalid start URL',
    );

    // Denied in the browser while the person is on another screen: the AWS screen says so on return.
    await page.getByTestId('aws-profile-audit').click();
    await page.getByTestId('aws-signin-start').click();
    await expect(page.getByTestId('aws-user-code')).toBeVisible();
    await page.getByTestId('nav-team').click();
    const browserTab = await page.context().newPage();
    await browserTab.goto(app.openedUrls.at(-1)!);
    await browserTab.getByRole('button', { name: 'Deny' }).click();
    await browserTab.close();
    await expect.poll(() => app.pushed.some((e) => (e.payload as { stage?: string }).stage === 'failed')).toBe(true);
    await page.getByTestId('nav-aws').click();
    await page.getByTestId('aws-profile-audit').click();
    await expect(page.getByTestId('error-notice')).toHaveAttribute('data-error-code', 'SSO_LOGIN_DENIED');
    await expect(page.getByTestId('error-notice')).toContainText('The sign-in was denied in the browser.');
  } finally {
    delete process.env.AWS_CONFIG_FILE;
  }
});
