import type { Browser } from '@playwright/test';
import type { TestApp } from '../ui/harness/app';
import type { LaunchOptions } from '../ui/harness/app';

export interface ScreenshotContext {
  browser: Browser;
  rendererUrl: string;
  /** Where PNGs go: assets/screenshots. */
  outDir: string;
  /** A fresh temp folder per call. */
  tempDir(prefix: string): string;
  launch(options?: LaunchOptions): Promise<TestApp>;
  /** Saves `name`.png under outDir and returns its path. */
  shot(app: TestApp, name: string, options?: { fullPage?: boolean }): Promise<string>;
}

export interface ScreenshotStep {
  name: string;
  run(ctx: ScreenshotContext): Promise<void>;
}
