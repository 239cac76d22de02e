import { join } from 'node:path';
import { seedDemoWorkspace } from '../../fixtures/demo-workspace';
import { largeJson, largeZip } from '../../fixtures/large-files';
import type { ScreenshotStep } from '../context';

/** Long work with progress and Cancel: an import of a large file and the verify of a large bundle. */
export const progressSteps: ScreenshotStep[] = [
  {
    name: 'import and verify progress',
    async run(ctx) {
      const source = largeJson(400);
      const bundle = largeZip(64);
      const app = await ctx.launch({
        adapters: { pickFiles: async () => [source] },
        services: { evidence: { importMaxBytes: 1024 * 1024 * 1024 } },
      });
      await seedDemoWorkspace(app.services, join(ctx.tempDir('aw-shots-progress-'), 'acme'));
      await app.page.reload();
      const { page } = app;
      await page.getByTestId('nav-controls').click();
      await page.getByTestId('control-row-vendor-risk-management').click();
      await page.getByTestId('add-evidence').click();
      await page.getByTestId('import-choose').click();
      await page.getByTestId('import-title').fill('Vendor inventory export');
      await page.getByTestId('import-submit').click();
      await page
        .getByTestId('import-progress-message')
        .filter({ hasText: 'Checking what vendor-inventory.json holds' })
        .waitFor({ timeout: 60_000 });
      await page.getByTestId('import-panel').scrollIntoViewIfNeeded();
      await ctx.shot(app, 'import-progress');
      await page.getByTestId('import-cancel').click();
      await page.getByTestId('import-cancelled').waitFor();
      await ctx.shot(app, 'import-cancelled');

      await page.getByTestId('nav-export').click();
      await page.getByTestId('verify-path').fill(bundle);
      await page.getByTestId('verify-start').click();
      await page
        .getByTestId('verify-progress-message')
        .filter({ hasText: /Checking \d+ of 64 files/ })
        .waitFor();
      await page.getByTestId('verify-panel').scrollIntoViewIfNeeded();
      await ctx.shot(app, 'verify-progress');
      await page.getByTestId('verify-cancel').click();
      await page.getByTestId('verify-cancelled').waitFor();
      await ctx.shot(app, 'verify-cancelled');
    },
  },
];
