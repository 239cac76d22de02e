import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { Person } from '../../../shared/domain/common';

/** App preferences (not workspace data): who uses this machine and the recent workspaces. */
export const Preferences = z.object({
  me: Person.nullable().default(null),
  recentWorkspaces: z.array(z.object({ path: z.string(), companyName: z.string(), openedAt: z.string() })).default([]),
  /**
   * A random id for this installation, made once: written into workspace locks so a lock is
   * only judged stale automatically when this same installation left it (hostnames repeat).
   */
  installId: z.string().min(1).max(100).optional(),
});
export type Preferences = z.infer<typeof Preferences>;

/** electron-store in the app; a JSON file in the CLI and tests. */
export interface PreferencesStore {
  read(): Preferences;
  write(next: Preferences): void;
}

export const MAX_RECENT = 8;

/** This installation's id, generated and stored on first use. */
export function ensureInstallId(store: PreferencesStore): string {
  const prefs = store.read();
  if (prefs.installId) return prefs.installId;
  const installId = randomUUID();
  store.write({ ...prefs, installId });
  return installId;
}

export function rememberWorkspace(prefs: Preferences, entry: Preferences['recentWorkspaces'][number]): Preferences {
  const others = prefs.recentWorkspaces.filter((r) => r.path !== entry.path);
  return { ...prefs, recentWorkspaces: [entry, ...others].slice(0, MAX_RECENT) };
}
