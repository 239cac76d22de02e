import { join } from 'node:path';
import type { ScreenshotStep } from '../context';

export const sampleCompanySteps: ScreenshotStep[] = [
  {
    name: 'welcome screen and the sample company dashboard',
    async run(ctx) {
      const folder = join(ctx.tempDir('aw-shots-sample-'), 'Sample company');
      const app = await ctx.launch({ folderAnswers: [folder] });
      const { page } = app;
      await page.getByTestId('try-sample').waitFor();
      await ctx.shot(app, 'welcome');
      await page.getByTestId('try-sample').click();
      await page.getByTestId('sample-banner').waitFor({ timeout: 60_000 });
      await page.locator('[data-testid="dashboard"]').waitFor();
      await ctx.shot(app, 'sample-dashboard', { fullPage: true });
      await app.quit();
    },
  },
];
