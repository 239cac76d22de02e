import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServices, type Adapters, type ServiceOptions } from '../../../main/services/create-services';
import { silentLogger } from '../../../main/services/logger';
import { JsonFilePreferences } from '../../../main/services/preferences/json-file-preferences';
import { AppError } from '../../../shared/ipc/result';

export const tempDir = (prefix = 'aw-test-') => mkdtempSync(join(tmpdir(), prefix));

export const DANA = { name: 'Dana Founder', email: 'dana@acme.example' };

/** The real services over temp folders, with recording adapters. */
export function testServices(
  options: Partial<Omit<ServiceOptions, 'adapters'>> & { adapters?: Partial<Adapters>; userDataDir?: string } = {},
) {
  const userDataDir = options.userDataDir ?? tempDir('aw-userdata-');
  const events: { event: string; payload: unknown }[] = [];
  const services = createServices({
    appVersion: '0.0.0-test',
    logger: silentLogger,
    ...options,
    adapters: {
      preferences: new JsonFilePreferences(join(userDataDir, 'preferences.json')),
      pickFolder: async () => null,
      openExternal: async () => {},
      emit: (event, payload) => events.push({ event, payload }),
      ...options.adapters,
    },
  });
  return { services, events, userDataDir };
}

export async function createTestWorkspace(options: Parameters<typeof testServices>[0] = {}) {
  const ctx = testServices(options);
  const folder = join(tempDir('aw-ws-'), 'workspace');
  await ctx.services.workspaces.create({
    folder,
    companyName: 'Acme Analytics',
    systemName: 'Acme Cloud',
    asOfDate: '2026-12-31',
    categories: ['security', 'availability'],
    me: DANA,
  });
  return { ...ctx, folder };
}

/** The activity log on disk, one parsed entry per line. */
export const activityOnDisk = (folder: string) =>
  readFileSync(join(folder, 'activity.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));

/** The AppError a call was refused with; fails the test when it succeeded or threw something else. */
export async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const outcome = await promise.then(
    () => null,
    (error: unknown) => error,
  );
  if (!(outcome instanceof AppError)) throw new Error(`expected an AppError, got ${String(outcome)}`);
  return outcome;
}
