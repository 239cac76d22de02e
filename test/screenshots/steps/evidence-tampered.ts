import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seedDemoWorkspace } from '../../fixtures/demo-workspace';
import type { ScreenshotStep } from '../context';

const DANA = { name: 'Dana Founder', email: 'dana@acme.example' };

/**
 * A record whose provenance was edited by hand: the Evidence screen shows it Tampered, names
 * the field, and offers to withdraw it; then the same record withdrawn with its reason.
 */
export const evidenceTamperedSteps: ScreenshotStep[] = [
  {
    name: 'evidence tampered record',
    async run(ctx) {
      const app = await ctx.launch();
      const folder = join(ctx.tempDir('aw-shots-'), 'acme');
      await seedDemoWorkspace(app.services, folder);
      const record = await app.services.workspaces
        .require()
        .evidence.addBytes('{"PasswordPolicy":{"MinimumPasswordLength":14,"RequireSymbols":true}}', {
          title: 'IAM account password policy',
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
            accountAlias: 'acme-prod',
            principalArn: 'arn:aws:sts::111122223333:assumed-role/AuditReader/dana',
            region: 'us-east-1',
          },
          capturedAt: '2026-12-20T09:00:00.000Z',
          effectiveDate: '2026-12-20',
          capturedBy: DANA,
        });
      const path = join(folder, 'evidence', 'records', `${record.id}.json`);
      const edited = JSON.parse(readFileSync(path, 'utf8'));
      edited.aws.accountId = '444455556666';
      chmodSync(path, 0o644);
      writeFileSync(path, JSON.stringify(edited, null, 2));
      await app.page.reload();
      const { page } = app;
      await page.getByTestId('nav-evidence').click();
      await page.locator(`[data-testid="evidence-row"][data-evidence-id="${record.id}"]`).click();
      await page.getByTestId('provenance-record-field').waitFor();
      await page.setViewportSize({ width: 1360, height: 1300 });
      await ctx.shot(app, 'evidence-tampered-record');
      await page.getByTestId('withdraw').click();
      await page.getByTestId('withdraw-reason').fill('Account id edited by hand; recaptured from the API');
      await page.getByTestId('withdraw-next').click();
      await page.getByTestId('withdraw-confirmation').waitFor();
      await ctx.shot(app, 'evidence-withdraw-confirmation');
      await page.getByTestId('withdraw-confirm').click();
      await page.getByTestId('provenance-withdrawn').waitFor();
      await ctx.shot(app, 'evidence-withdrawn-record');
      await app.quit();
    },
  },
];
