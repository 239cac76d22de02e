import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures';

const DANA = { name: 'Dana Founder', email: 'dana@acme.example' };

test('a hand-edited record shows as Tampered naming the field; withdrawing it asks for a reason and a confirmation, then the export goes ahead without it', async ({
  launch,
  workspaceDir,
}) => {
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
  const record = await ws.evidence.addBytes('{"PasswordPolicy":{"MinimumPasswordLength":14}}', {
    title: 'IAM password policy',
    kind: 'api_snapshot',
    mediaType: 'application/json',
    fileName: 'password-policy.json',
    controlIds: ['iam-password-policy'],
    source: {
      type: 'aws_api',
      calls: [{ service: 'iam', operation: 'GetAccountPasswordPolicy', at: '2026-12-20T09:00:00.000Z' }],
    },
    aws: {
      accountId: '111122223333',
      principalArn: 'arn:aws:sts::111122223333:assumed-role/AuditReader/dana',
      region: 'us-east-1',
    },
    capturedAt: '2026-12-20T09:00:00.000Z',
    effectiveDate: '2026-12-20',
    capturedBy: DANA,
  });
  // Someone edits the provenance by hand: the evidence now claims another account.
  const path = join(workspaceDir, 'evidence', 'records', `${record.id}.json`);
  const edited = JSON.parse(readFileSync(path, 'utf8'));
  edited.aws.accountId = '444455556666';
  chmodSync(path, 0o644);
  writeFileSync(path, JSON.stringify(edited, null, 2));

  await page.getByTestId('nav-evidence').click();
  const row = page.locator(`[data-testid="evidence-row"][data-evidence-id="${record.id}"]`);
  await expect(row.getByTestId('integrity')).toHaveAttribute('data-integrity', 'tampered');
  await row.click();
  const detail = page.getByTestId('evidence-detail');
  await expect(detail.getByTestId('provenance-record-field')).toHaveText('aws.accountId');
  await expect(detail.getByTestId('provenance-record')).toContainText('Tampered');
  await expect(detail.getByTestId('provenance-record')).toContainText('its field aws.accountId differs');
  // The file itself was not touched, and the panel says so.
  await expect(detail.getByTestId('provenance')).toContainText('The file matches this hash');

  await detail.getByTestId('withdraw').click();
  await expect(detail.getByTestId('withdraw-next')).toBeDisabled();
  await detail.getByTestId('withdraw-reason').fill('Account id edited by hand; recaptured from the API');
  await detail.getByTestId('withdraw-next').click();
  await expect(detail.getByTestId('withdraw-confirmation')).toContainText('This cannot be undone');
  // Nothing is withdrawn before the confirmation.
  expect(readFileSync(join(workspaceDir, 'activity.jsonl'), 'utf8')).not.toContain('evidence.withdrawn');
  await detail.getByTestId('withdraw-confirm').click();
  await expect(detail.getByTestId('provenance-withdrawn')).toContainText('Withdrawn by Dana Founder on');
  await expect(detail.getByTestId('provenance-withdrawn')).toContainText('recaptured from the API');
  await expect(detail.getByTestId('withdraw-panel')).toHaveCount(0);
  await expect(row.getByTestId('withdrawn-badge')).toBeVisible();
  const logLine = readFileSync(join(workspaceDir, 'activity.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l))
    .find((l) => l.action === 'evidence.withdrawn');
  expect(logLine.details.reason).toBe('Account id edited by hand; recaptured from the API');

  await page.getByTestId('nav-export').click();
  await expect(page.getByTestId('preflight-withdrawn')).toContainText(record.id);
  await expect(page.getByTestId('preflight-integrity')).toHaveCount(0);
  await expect(page.getByTestId('preflight-files-checked')).toHaveAttribute('data-fresh', 'false');
  await page.getByTestId('preflight-run').click();
  await expect(page.getByTestId('preflight-files-checked')).toHaveAttribute('data-fresh', 'true');
  await expect(page.getByTestId('preflight-files-checked')).toContainText('re-hashed just now');
});
