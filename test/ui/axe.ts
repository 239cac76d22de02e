import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/** Serious and critical axe violations on what the page shows now (or in `include`, a CSS selector), named so a failure says what and where. */
export async function seriousViolations(page: Page, options: { include?: string } = {}): Promise<string[]> {
  // Colours are judged once transitions (a link turning active) have ended, as a person sees them;
  // an endless animation (a busy button's spinner while work is in progress) never ends, so it is not awaited.
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => animation.effect?.getTiming().iterations !== Infinity)
        // A transition replaced by the next one (a progress bar moving on) is cancelled: that ends it too.
        .map((animation) => animation.finished.catch(() => undefined)),
    ),
  );
  const builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  // Only part of the page (a view that lasts seconds): axe over a whole screen can take longer.
  if (options.include) builder.include(options.include);
  const results = await builder.analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help}; ${violation.nodes
          .slice(0, 3)
          .map((node) => node.target.join(' '))
          .join(', ')}`,
    );
}
