import { existsSync, readdirSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { basename } from 'node:path';
import { Person } from '../../shared/domain/common';
import { AppError } from '../../shared/ipc/result';
import { createServices, type Adapters, type ServiceOptions } from '../services/create-services';
import { silentLogger } from '../services/logger';
import type { Preferences, PreferencesStore } from '../services/preferences/preferences';
import { machineInstallId } from '../services/workspace/machine-install-id';
import { type CliIo, UsageError } from './output';
import packageJson from '../../package.json';

/**
 * What every command that opens a workspace shares: the services without a window, who the
 * changes are attributed to (`--as`), and opening the workspace (or creating one in a new or
 * empty folder), taking over a crashed run's lock only when asked (`--take-over`).
 */

/** The `parseArgs` option every command that writes into a workspace takes. */
export const TAKE_OVER_OPTION = { 'take-over': { type: 'boolean', default: false } } as const;

/**
 * The CLI keeps no preferences between runs: nothing is written outside the workspace. Its
 * install id comes from the machine, so the next run recognises a lock a crashed run left.
 */
export function memoryPreferences(): PreferencesStore {
  const installId = machineInstallId();
  let prefs: Preferences = { me: null, recentWorkspaces: [], ...(installId ? { installId } : {}) };
  return { read: () => prefs, write: (next) => (prefs = next) };
}

/** The services of a headless run: no window, no picker, nothing kept between runs. */
export function headlessServices(
  options: Partial<ServiceOptions> = {},
  adapters: Partial<Adapters> = {},
): ReturnType<typeof createServices> {
  return createServices({
    appVersion: packageJson.version,
    logger: silentLogger,
    ...options,
    adapters: {
      preferences: memoryPreferences(),
      pickFolder: async () => null,
      openExternal: async () => {},
      emit: () => {},
      ...adapters,
      ...options.adapters,
    },
  });
}

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/^-+|-+$/g, '') || 'user';

/** `--as "Jane Doe <jane@example.com>"`, `--as "Jane Doe"`, or the OS user; a name alone gets a host-local address. */
export function personFrom(as: string | undefined): Person {
  const text = (as ?? userInfo().username).trim();
  const m = /^(.*?)\s*<([^>]+)>$/.exec(text);
  const name = (m ? m[1] : text) || userInfo().username;
  const email = m ? m[2]! : `${slug(name)}@${slug(hostname())}.local`;
  const parsed = Person.safeParse({ name, email });
  if (!parsed.success)
    throw new UsageError(
      `--as "${text}" is not a usable name: ${parsed.error.issues[0]?.message}. Write --as "Name" or --as "Name <email>".`,
    );
  return parsed.data;
}

const today = () => new Date().toISOString().slice(0, 10);

/** What opening did: `created` says whether this run made the folder a workspace (so a refusal can undo it). */
export type Opened = { created: null | 'new-folder' | 'empty-folder' };

/**
 * Opens the workspace a headless run writes into, or creates one with defaults in an empty or
 * new folder. `beforeCreate` runs first when one is to be created (the AWS commands sign in
 * there, so a failed sign-in leaves nothing behind).
 */
export async function openOrCreateWorkspace(
  services: ReturnType<typeof createServices>,
  o: {
    folder: string;
    person: Person;
    json: boolean;
    io: CliIo;
    takeOver?: boolean;
    beforeCreate?: () => Promise<unknown>;
  },
): Promise<Opened> {
  const { folder, person, json, io } = o;
  services.workspaces.setMe(person);
  if (existsSync(`${folder}/workspace.json`)) {
    await services.workspaces.open(folder, { takeOverStaleLock: !!o.takeOver });
    return { created: null };
  }
  if (existsSync(folder) && readdirSync(folder).length > 0) {
    throw new AppError('WORKSPACE_NOT_FOUND', `${folder} is not empty and holds no workspace.`, {
      hint: 'Give an existing workspace folder, or an empty or new folder to create one in.',
    });
  }
  const created = existsSync(folder) ? 'empty-folder' : 'new-folder';
  await o.beforeCreate?.();
  await services.workspaces.create({
    folder,
    companyName: basename(folder),
    systemName: 'AWS',
    asOfDate: today(),
    categories: ['security'],
    me: person,
  });
  if (!json)
    io.err(
      `Created a workspace in ${folder} (company "${basename(folder)}", as of ${today()}; change both in Settings).`,
    );
  return { created };
}
