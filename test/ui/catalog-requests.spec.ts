import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures';

const DANA = { name: 'Dana Founder', email: 'dana@acme.example' };
const CONTROL = 'iam-access-key-rotation';
const DOC = 'doc.key-rotation-procedure';

const logLines = (dir: string) =>
  readFileSync(join(dir, 'activity.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));

test("a control's document request is marked not applicable with a reason and undone; a superseded file is retired and shows as Retired", async ({
  launch,
  workspaceDir,
}) => {
  test.setTimeout(120_000);
  const { services, page } = await launch();
  await services.workspaces.create({
    folder: workspaceDir,
    companyName: 'Acme Analytics',
    systemName: 'Acme Cloud',
    asOfDate: '2026-12-31',
    categories: ['security'],
    me: DANA,
  });
  const ws = services.workspaces.require();
  const old = await ws.evidence.addBytes('Keys are rotated every 90 days by the platform team.\n', {
    title: 'Key rotation procedure v1',
    kind: 'document',
    mediaType: 'text/plain',
    fileName: 'key-rotation-v1.txt',
    controlIds: [CONTROL],
    source: { type: 'import', originalName: 'key-rotation-v1.txt' },
    capturedAt: '2026-12-01T09:00:00.000Z',
    effectiveDate: '2026-06-01',
    capturedBy: DANA,
  });

  // Added behind the window's back: reload, as after any change outside the app.
  await page.reload();
  await expect(page.locator('[data-app-state="loaded"]')).toBeVisible();
  const total = (await services.evidenceRequests.list()).counts.total;
  await expect(page.getByTestId('catalog-requests-missing')).toContainText(
    `${total} of ${total} screenshot and document requests missing`,
  );
  // Its effective date is half a year before the as-of date: flagged on the dashboard.
  await expect(page.getByTestId('evidence-dated')).toContainText('1 older than the freshness window');

  await page.getByTestId('nav-controls').click();
  await page.getByTestId(`control-row-${CONTROL}`).click();
  const request = page.getByTestId(`catalog-request-${DOC}`);
  await expect(request.getByTestId('catalog-request-standing')).toHaveAttribute('data-state', 'missing');
  await request.getByTestId('catalog-request-mark-na').click();
  await expect(request.getByTestId('catalog-request-na-save')).toBeDisabled();
  await request
    .getByTestId('catalog-request-na-reason')
    .fill('Nobody has long-lived keys: sign-in is through SSO only');
  await request.getByTestId('catalog-request-na-save').click();
  await expect(request.getByTestId('catalog-request-standing')).toHaveAttribute('data-state', 'not_applicable');
  await expect(request.getByTestId('catalog-request-not-applicable')).toContainText(
    'Not applicable: Nobody has long-lived keys: sign-in is through SSO only (Dana Founder,',
  );
  expect(logLines(workspaceDir).at(-1)).toMatchObject({
    action: 'evidence-request.not-applicable',
    details: { requestId: DOC, reason: 'Nobody has long-lived keys: sign-in is through SSO only' },
  });
  const saved = JSON.parse(readFileSync(join(workspaceDir, 'evidence-requests.json'), 'utf8'));
  expect(saved.requests[DOC].notApplicable.by).toEqual(DANA);
  await expect(page.getByTestId('catalog-request-counts')).toContainText('1 not applicable');

  await request.getByTestId('catalog-request-undo-not-applicable').click();
  await expect(request.getByTestId('catalog-request-standing')).toHaveAttribute('data-state', 'missing');
  expect(logLines(workspaceDir).at(-1).action).toBe('evidence-request.applicable-again');

  // The old procedure is superseded: retire it from the Evidence library.
  const controlRow = page.locator(`[data-testid="control-evidence-row"][data-evidence-id="${old.id}"]`);
  await expect(controlRow.getByTestId('date-flag')).toHaveAttribute('data-flag', 'older_than_freshness_window');
  await controlRow.getByRole('button', { name: 'Key rotation procedure v1' }).click();
  const detail = page.getByTestId('evidence-detail');
  await detail.getByTestId('retire').click();
  await expect(detail.getByTestId('retire-next')).toBeDisabled();
  await detail.getByTestId('retire-reason').fill('Superseded by version 2 of the procedure');
  await detail.getByTestId('retire-next').click();
  await expect(detail.getByTestId('retire-confirmation')).toContainText('This cannot be undone');
  expect(logLines(workspaceDir).some((l) => l.action === 'evidence.retired')).toBe(false);
  await detail.getByTestId('retire-confirm').click();
  await expect(detail.getByTestId('provenance-retired')).toContainText('Retired by Dana Founder on');
  await expect(detail.getByTestId('provenance-retired')).toContainText('Superseded by version 2');
  await expect(detail.getByTestId('retire-panel')).toHaveCount(0);
  const row = page.locator(`[data-testid="evidence-row"][data-evidence-id="${old.id}"]`);
  await expect(row.getByTestId('retired-badge')).toBeVisible();
  expect(logLines(workspaceDir).find((l) => l.action === 'evidence.retired')).toMatchObject({
    details: { evidenceId: old.id, reason: 'Superseded by version 2 of the procedure' },
  });

  await page.getByTestId('nav-controls').click();
  await page.getByTestId(`control-row-${CONTROL}`).click();
  await expect(
    page.locator(`[data-testid="control-evidence-row"][data-evidence-id="${old.id}"]`).getByTestId('retired-badge'),
  ).toBeVisible();

  await page.getByTestId('nav-export').click();
  await expect(page.getByTestId('preflight-retired')).toContainText(old.id);
  await expect(page.getByTestId('preflight-missing-requests')).toContainText('Credential rotation procedure');
});
