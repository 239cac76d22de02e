import { join } from 'node:path';
import { seedDemoWorkspace } from '../../fixtures/demo-workspace';
import type { ScreenshotStep } from '../context';

export const foundationSteps: ScreenshotStep[] = [
  {
    name: 'dashboard, controls, control detail, criteria',
    async run(ctx) {
      const app = await ctx.launch();
      const folder = join(ctx.tempDir('aw-shots-'), 'acme');
      await seedDemoWorkspace(app.services, folder);
      await app.page.reload();
      const { page } = app;
      await page.locator('[data-testid="dashboard"]').waitFor();
      await ctx.shot(app, 'dashboard', { fullPage: true });
      await page.getByTestId('nav-controls').click();
      await page.getByTestId('controls-table').waitFor();
      await ctx.shot(app, 'controls');
      await page.getByTestId('control-row-iam-mfa-enforcement').click();
      await page.getByTestId('control-detail').waitFor();
      await ctx.shot(app, 'control-detail', { fullPage: true });
      await page.getByTestId('nav-criteria').click();
      await page.getByTestId('criteria-table').waitFor();
      await ctx.shot(app, 'criteria');
      await app.quit();
    },
  },
];
