import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import type { EventName, EventPayload } from '../../../shared/ipc/contract';
import { createHandlers } from '../../../main/ipc/handlers';
import { createRouter, type Router } from '../../../main/ipc/router';
import {
  createServices,
  type Adapters,
  type ServiceOptions,
  type Services,
} from '../../../main/services/create-services';
import { silentLogger } from '../../../main/services/logger';
import { JsonFilePreferences } from '../../../main/services/preferences/json-file-preferences';
import { bridgeScript } from './bridge-bundle';

export interface IpcExchange {
  channel: string;
  input: unknown;
  output: unknown;
}

export interface LaunchOptions {
  /** Where preferences (electron-store's stand-in) live; reuse it to simulate a restart. */
  userDataDir?: string;
  /** Answers for the folder picker, taken in order. */
  folderAnswers?: (string | null)[];
  adapters?: Partial<Adapters>;
  services?: Partial<Omit<ServiceOptions, 'adapters' | 'logger' | 'appVersion'>>;
}

export interface TestApp {
  page: Page;
  services: Services;
  router: Router;
  userDataDir: string;
  /** Every IPC call the page made, with what main answered: for secret scans. */
  ipc: IpcExchange[];
  /** Every event main pushed to the page. */
  pushed: { event: string; payload: unknown }[];
  openedUrls: string[];
  folderAnswers: (string | null)[];
  /** Closes the page and the services (releasing the workspace lock), like quitting the app. */
  quit(): Promise<void>;
}

/**
 * Starts "the app" for a UI test: the real router and services in this process, the built
 * renderer in a Chromium page, `window.api` bridged through a Playwright binding. Only the
 * Electron glue (preload, ipcMain, dialogs) is replaced.
 */
export async function launchApp(browser: Browser, rendererUrl: string, options: LaunchOptions = {}): Promise<TestApp> {
  const userDataDir = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'aw-userdata-'));
  const ipc: IpcExchange[] = [];
  const pushed: { event: string; payload: unknown }[] = [];
  const openedUrls: string[] = [];
  const folderAnswers = [...(options.folderAnswers ?? [])];
  let page: Page | null = null;

  const adapters: Adapters = {
    preferences: new JsonFilePreferences(join(userDataDir, 'preferences.json')),
    pickFolder: async () => folderAnswers.shift() ?? null,
    openExternal: async (url) => {
      openedUrls.push(url);
    },
    emit: <E extends EventName>(event: E, payload: EventPayload<E>) => {
      pushed.push({ event, payload });
      void page?.evaluate(([e, p]) => window.__awEmit(e, p), [event, payload] as const).catch(() => {});
    },
    ...options.adapters,
  };
  const services = createServices({ adapters, logger: silentLogger, appVersion: '0.0.0-test', ...options.services });
  const origin = new URL(rendererUrl).origin;
  const router = createRouter({
    handlers: createHandlers(services),
    isTrustedSender: (sender) => sender.isMainFrame && sender.url.startsWith(origin),
    logger: silentLogger,
  });

  const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
  page = await context.newPage();
  await page.exposeBinding('__awInvoke', async (source, channel: string, input: unknown) => {
    const output = await router.invoke(channel, input, {
      url: source.frame.url(),
      isMainFrame: source.frame === source.page.mainFrame(),
    });
    ipc.push({ channel, input, output });
    return output;
  });
  await page.addInitScript({ content: bridgeScript() });
  await page.goto(rendererUrl);
  await page.locator('[data-app-state]').first().waitFor();

  return {
    page,
    services,
    router,
    userDataDir,
    ipc,
    pushed,
    openedUrls,
    folderAnswers,
    quit: async () => {
      await context.close();
      await services.workspaces.close();
    },
  };
}
