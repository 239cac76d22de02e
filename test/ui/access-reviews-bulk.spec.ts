import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAwsEndpoint, type AwsEndpoint } from '../../main/sandbox/aws-endpoint';
import { applyEnvironment } from '../fixtures/process-environment';
import { signedInAwsHomeEnvironment } from '../fixtures/signed-in-aws-home';
import { iamScenario, TROUBLED_ACCOUNT } from '../../main/sandbox/aws-endpoint/scenarios/iam';
import {
  sampleIdentityCenter,
  withIdentityCenter,
} from '../../main/sandbox/aws-endpoint/scenarios/identity-center-sample';
import type { Api } from '../../shared/ipc/create-api';
import { makeKey } from '../fixtures/ssh-keys';
import { expect, test } from './fixtures';
import { createWorkspaceInUi } from './helpers';

/**
 * Reviewers for many identities at once, from the keyboard, through the real renderer and
 * services (profile `audit`: account 111122223333, its IAM Identity Center in us-east-1): tick
 * every row a search finds, choose reviewers, assign; the self-review rule refuses an assignment
 * that leaves anyone the only reviewer of their own access, and a second reviewer makes it pass.
 * And a sign-off edited by hand after signing: shown forged (red), counted as not signed.
 */

let restoreEnvironment: () => void;
let endpoint: AwsEndpoint;

test.beforeAll(async () => {
  endpoint = await startAwsEndpoint({
    scenario: withIdentityCenter(iamScenario(new Date()), sampleIdentityCenter(TROUBLED_ACCOUNT, 'us-east-1')),
  });
  restoreEnvironment = applyEnvironment(
    signedInAwsHomeEnvironment(mkdtempSync(join(tmpdir(), 'aw-ui-home-')), endpoint.url),
  );
});

test.afterAll(async () => {
  restoreEnvironment();
  await endpoint.close();
});

type PageApi = { api: Api };

test('reviewers are assigned to every row a search finds at once, from the keyboard, and nobody becomes the only reviewer of their own access', async ({
  launch,
  workspaceDir,
}) => {
  test.setTimeout(120_000);
  const { page } = await launch({});
  await createWorkspaceInUi(page, workspaceDir);
  await page.evaluate(async () => {
    const { api } = window as unknown as PageApi;
    await api.aws.setWorkspaceProfile({ profile: 'audit' });
    await api.team.add({ name: 'Sam Engineer', email: 'sam@acme.example', role: 'Engineer' });
  });
  await page.getByTestId('nav-access-reviews').click();
  const screen = page.getByTestId('access-reviews-screen');
  await page.getByTestId('access-review-start').click();
  await expect(screen).toHaveAttribute('data-review-state', 'draft', { timeout: 30_000 });

  // The people of the directory: a search narrows the table to them.
  await page.getByTestId('access-search').focus();
  await page.keyboard.type('@acme.example');
  const rows = page.getByTestId('access-row');
  const found = await rows.count();
  expect(found).toBeGreaterThanOrEqual(4);
  await expect(rows.filter({ hasText: 'Sam Engineer' })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'Dana Founder' })).toHaveCount(1);

  // Tick every row the search finds, with the keyboard.
  await page.getByTestId('access-check-all').focus();
  await page.keyboard.press('Space');
  const bulk = page.getByTestId('access-bulk');
  await expect(bulk).toHaveAttribute('data-count', String(found));
  await expect(page.locator('[data-testid="access-row"][data-checked="yes"]')).toHaveCount(found);

  // Sam alone: his own Identity Center user would be his alone to review, so nothing is assigned.
  const reviewer = (name: string) => page.getByTestId('access-bulk-reviewers').getByRole('checkbox', { name });
  await reviewer('Sam Engineer').focus();
  await page.keyboard.press('Space');
  await page.getByTestId('access-bulk-assign').focus();
  await page.keyboard.press('Enter');
  await expect(bulk).toContainText('Sam Engineer would be the only reviewer of their own access');
  await expect(bulk).toContainText('Nothing was changed');
  const samRow = rows.filter({ hasText: 'Sam Engineer' });
  await expect(samRow.getByTestId('access-row-reviewers')).not.toContainText('Sam Engineer');

  // A second reviewer: every ticked row gets both, and the selection is cleared.
  await reviewer('Dana Founder').focus();
  await page.keyboard.press('Space');
  await page.getByTestId('access-bulk-assign').focus();
  await page.keyboard.press('Enter');
  await expect(bulk).toHaveCount(0);
  for (let i = 0; i < found; i++)
    await expect(rows.nth(i).getByTestId('access-row-reviewers')).toHaveText('Dana Founder, Sam Engineer');
  await expect(page.getByTestId('access-problems')).not.toContainText('only reviewer of their own access');
  // Saved in main, not only on screen.
  const saved = await page.evaluate(async () => {
    const { api } = window as unknown as PageApi;
    const view = await api.accessReview.get();
    return view.ok ? Object.keys(view.value.review!.reviewers).length : -1;
  });
  expect(saved).toBe(found);
});

test('a hand-edited access-review sign-off is shown forged, in red, and counts as not signed on the screen and the dashboard', async ({
  launch,
  workspaceDir,
}) => {
  test.setTimeout(150_000);
  const key = makeKey(mkdtempSync(join(tmpdir(), 'aw-ui-keys-')), 'id_ed25519', { comment: 'dana@acme.example' });
  const app = await launch({});
  const { page } = app;
  await createWorkspaceInUi(page, workspaceDir);
  // Every row decided (Sam decides Dana's own access), then Dana signs with her SSH key.
  const signed = await page.evaluate(
    async ({ keyPath }) => {
      const { api } = window as unknown as PageApi;
      await api.aws.setWorkspaceProfile({ profile: 'audit' });
      await api.team.add({ name: 'Sam Engineer', email: 'sam@acme.example', role: 'Engineer' });
      const ws = await api.workspace.current();
      const members = ws.ok && ws.value ? ws.value.members : [];
      const dana = members.find((m) => m.email === 'dana@acme.example')!.id;
      const sam = members.find((m) => m.email === 'sam@acme.example')!.id;
      const started = await api.accessReview.start({});
      if (!started.ok) throw new Error(started.error.message);
      const rows = started.value.review!.rows;
      const own = rows.filter((r) => r.email === 'dana@acme.example').map((r) => r.id);
      await api.accessReview.assign({ rowIds: rows.map((r) => r.id), memberIds: [dana, sam] });
      for (const r of rows)
        if (!own.includes(r.id))
          await api.accessReview.decide({ rowId: r.id, decision: 'keep', justification: 'Needed' });
      await api.identity.set({ name: 'Sam Engineer', email: 'sam@acme.example' });
      for (const id of own) await api.accessReview.decide({ rowId: id, decision: 'keep', justification: 'Founder' });
      await api.identity.set({ name: 'Dana Founder', email: 'dana@acme.example' });
      const view = await api.accessReview.sign({ key: { source: 'file', path: keyPath } });
      if (!view.ok) throw new Error(view.error.message);
      return view.value.standing!.state;
    },
    { keyPath: key.path },
  );
  expect(signed).toBe('signed');
  await app.quit();

  // Backdated by hand: the SSH signature covers another date.
  const file = join(workspaceDir, 'access-reviews.json');
  const doc = JSON.parse(readFileSync(file, 'utf8'));
  doc.reviews[0].signed.at = '2025-01-06T10:00:00.000Z';
  writeFileSync(file, JSON.stringify(doc, null, 2));

  const again = await launch({ userDataDir: app.userDataDir });
  await again.page.getByTestId('recent-workspace').getByRole('button', { name: 'Open' }).click();
  await expect(again.page.getByTestId('dashboard-access-review-standing')).toContainText('Forged');
  await expect(again.page.getByTestId('dashboard-access-review-due')).toContainText('None signed yet');
  await again.page.getByTestId('nav-access-reviews').click();
  const screen = again.page.getByTestId('access-reviews-screen');
  await expect(screen).toHaveAttribute('data-review-state', 'signature_forged');
  const panel = again.page.getByTestId('access-signed');
  await expect(panel).toHaveAttribute('data-sign-off', 'forged');
  await expect(panel).toContainText('Forged sign-off: it names Dana Founder on 2025-01-06');
  // Red, as every forged sign-off is shown.
  await expect(panel).toContainText('Forged sign-off: it counts as not signed');
  expect(await panel.getAttribute('style')).toContain('--mantine-color-red');
  await expect(again.page.getByTestId('access-review-due')).toContainText('No access review has been signed yet');
  // The badge takes the kernel's standing too: red "Forged sign-off", never green from the stored sign-off.
  const badge = again.page.getByTestId('access-review-state');
  await expect(badge).toHaveText('Forged sign-off');
  expect(await badge.getAttribute('style')).toContain('--mantine-color-red');
  // No follow-up check against a sign-off that does not stand.
  await expect(again.page.getByTestId('access-followups')).toHaveCount(0);
});
