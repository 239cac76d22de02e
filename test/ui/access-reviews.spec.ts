import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAwsEndpoint, type AwsEndpoint } from '../../main/sandbox/aws-endpoint';
import { applyEnvironment } from '../fixtures/process-environment';
import { signedInAwsHomeEnvironment } from '../fixtures/signed-in-aws-home';
import { iamScenario, TROUBLED_ACCOUNT } from '../../main/sandbox/aws-endpoint/scenarios/iam';
import type { IamAccountModel } from '../../main/sandbox/aws-endpoint/scenarios/iam-account';
import {
  sampleIdentityCenter,
  withIdentityCenter,
} from '../../main/sandbox/aws-endpoint/scenarios/identity-center-sample';
import type { Api } from '../../shared/ipc/create-api';
import { expect, test } from './fixtures';
import { createWorkspaceInUi } from './helpers';

/**
 * An access review through the real renderer and services, over the population the local AWS
 * endpoint holds (profile `audit`: account 111122223333, its IAM Identity Center in us-east-1):
 * start, decide from the keyboard, the self-review rule, sign-off, a restart, and a later
 * collection that finds a "remove" carried out.
 */

let restoreEnvironment: () => void;
let endpoint: AwsEndpoint;
let accounts: Record<string, IamAccountModel>;

test.beforeAll(async () => {
  const base = iamScenario(new Date(), (a) => (accounts = a));
  endpoint = await startAwsEndpoint({
    scenario: withIdentityCenter(base, sampleIdentityCenter(TROUBLED_ACCOUNT, 'us-east-1')),
  });
  restoreEnvironment = applyEnvironment(
    signedInAwsHomeEnvironment(mkdtempSync(join(tmpdir(), 'aw-ui-home-')), endpoint.url),
  );
});

test.afterAll(async () => {
  restoreEnvironment();
  await endpoint.close();
});

const fast = { services: { checks: { poll: { delaysMs: [5, 10], maxWaitMs: 5_000 } } } };
const CONTRACTOR = `iam:${TROUBLED_ACCOUNT}:user/old-contractor`;

type PageApi = { api: Api };

test('a review runs from start to sign-off, is signed after a restart, and a later collection shows the remove carried out', async ({
  launch,
  workspaceDir,
}) => {
  test.setTimeout(150_000);
  const app = await launch(fast);
  const { page } = app;
  await createWorkspaceInUi(page, workspaceDir);
  // What the AWS and Team screens store: the profile, a second teammate, the control's owner.
  const ids = await page.evaluate(async () => {
    const { api } = window as unknown as PageApi;
    await api.aws.setWorkspaceProfile({ profile: 'audit' });
    await api.team.add({ name: 'Sam Engineer', email: 'sam@acme.example', role: 'Engineer' });
    const ws = await api.workspace.current();
    const members = ws.ok && ws.value ? ws.value.members : [];
    const dana = members.find((m) => m.email === 'dana@acme.example')!.id;
    await api.controls.setOwner({ controlId: 'access-reviews', ownerId: dana });
    return { dana, sam: members.find((m) => m.email === 'sam@acme.example')!.id };
  });

  await page.getByTestId('nav-access-reviews').click();
  const screen = page.getByTestId('access-reviews-screen');
  await expect(screen).toHaveAttribute('data-review-state', 'none');
  await page.getByTestId('access-review-start').click();
  await expect(screen).toHaveAttribute('data-review-state', 'draft', { timeout: 30_000 });
  await expect(page.getByTestId('access-review-notes')).toContainText(
    "IAM Identity Center lives in us-east-1, not in the profile's region eu-west-1",
  );
  const rows = page.getByTestId('access-row');
  expect(await rows.count()).toBeGreaterThan(5);
  await expect(page.getByTestId('access-sign')).toBeDisabled();
  await expect(page.getByTestId('access-problems')).toContainText("Dana Founder's own access");

  // From the keyboard: reach the contractor's row, open it, decide "remove".
  const contractor = page.locator(`[data-testid="access-row"][data-row-id="${CONTRACTOR}"]`);
  await contractor.focus();
  await page.keyboard.press('Enter');
  const panel = page.getByTestId('access-decision');
  await expect(panel).toHaveAttribute('data-row-id', CONTRACTOR);
  await panel.getByTestId('access-decide-remove').check();
  // A remove needs a justification: without one it cannot be saved.
  await expect(page.getByTestId('access-save-decision')).toBeDisabled();
  await page.getByTestId('access-justification').fill('Left the company in June');
  await page.getByTestId('access-save-decision').click();
  await expect(contractor).toHaveAttribute('data-decision', 'remove');
  await expect(page.getByTestId('access-decided-by')).toContainText('Decided by Dana Founder');

  // The arrow keys move to the next row, which opens with Enter.
  await contractor.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(panel).not.toHaveAttribute('data-row-id', CONTRACTOR);

  // The other rows through the same IPC the screen uses; Dana's own access gets Sam as a second
  // reviewer, and Sam decides it.
  const left = await page.evaluate(
    async ({ contractorId, dana, sam }) => {
      const { api } = window as unknown as PageApi;
      const view = await api.accessReview.get();
      if (!view.ok || !view.value.review) throw new Error('no review');
      const review = view.value.review;
      const own = review.rows.filter((r) => r.email === 'dana@acme.example').map((r) => r.id);
      await api.accessReview.assign({ rowIds: own, memberIds: [dana, sam] });
      for (const r of review.rows) {
        if (r.id === contractorId || own.includes(r.id)) continue;
        const d = await api.accessReview.decide({ rowId: r.id, decision: 'keep', justification: 'Still needed' });
        if (!d.ok) throw new Error(d.error.message);
      }
      await api.identity.set({ name: 'Sam Engineer', email: 'sam@acme.example' });
      for (const id of own)
        await api.accessReview.decide({ rowId: id, decision: 'keep', justification: 'Founder; runs the accounts' });
      const after = await api.accessReview.get();
      return after.ok ? after.value.problems.length : -1;
    },
    { contractorId: CONTRACTOR, ...ids },
  );
  expect(left).toBe(0);
  await expect(screen).toHaveAttribute('data-review-state', 'ready_to_sign');
  await expect(page.getByTestId('access-review-progress-text')).toContainText('flagged left');
  await page.getByTestId('access-sign').click();
  await expect(page.getByTestId('access-signed')).toContainText('Recorded by Sam Engineer');
  await expect(page.getByTestId('access-signed')).toContainText('not signed with a key');
  await expect(screen).toHaveAttribute('data-review-state', 'signed');

  // Restart: a new page and services over the same folders; the review is signed.
  await app.quit();
  const again = await launch({ ...fast, userDataDir: app.userDataDir });
  await again.page.getByTestId('recent-workspace').getByRole('button', { name: 'Open' }).click();
  await expect(again.page.getByTestId('dashboard-access-review-standing')).toContainText('Recorded by Sam Engineer');
  await expect(again.page.getByTestId('dashboard-access-review-due')).toContainText('next due by');
  await again.page.getByTestId('nav-access-reviews').click();
  await expect(again.page.getByTestId('access-reviews-screen')).toHaveAttribute('data-review-state', 'signed');
  const followUp = again.page.locator(`[data-testid="access-followup"][data-row-id="${CONTRACTOR}"]`);
  await expect(followUp).toHaveAttribute('data-status', 'unchecked');

  // The contractor is deleted in the account; the next collection finds the remove carried out.
  accounts[TROUBLED_ACCOUNT]!.users = accounts[TROUBLED_ACCOUNT]!.users.filter((u) => u.name !== 'old-contractor');
  await again.page.getByTestId('access-close-loop').click();
  await expect(followUp).toHaveAttribute('data-status', 'carried_out', { timeout: 30_000 });
  await expect(followUp).toContainText('old-contractor is gone.');
  await expect(again.page.getByTestId('access-reviews-screen')).toHaveAttribute('data-review-state', 'signed');
});

test('the cadence is set in Settings and a review cannot start without a profile', async ({ launch, workspaceDir }) => {
  const { page } = await launch(fast);
  await createWorkspaceInUi(page, workspaceDir);
  await page.getByTestId('nav-access-reviews').click();
  await expect(page.getByTestId('access-review-start')).toBeDisabled();
  await expect(page.getByTestId('access-review-start-hint')).toContainText('Choose the AWS profile');
  await expect(page.getByTestId('access-review-due')).toContainText('due every 91 days');
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('settings-access-cadence-days').fill('30');
  await page.getByTestId('settings-access-cadence-save').click();
  await expect(page.getByTestId('settings-access-cadence-save')).toBeDisabled();
  await page.getByTestId('nav-access-reviews').click();
  await expect(page.getByTestId('access-review-due')).toContainText('due every 30 days');
});
