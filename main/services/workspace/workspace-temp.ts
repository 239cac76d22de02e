import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { EVIDENCE_DIR } from '../evidence/evidence-store';
import { ensureFolder, entryKind, listFolder } from '../storage/workspace-files';

/**
 * The workspace's private folder for work in progress (a file being imported is copied here
 * and checked before it is stored). It lives inside the workspace, so the audit's content never
 * lands in the system's temp folder, and the next open removes whatever a killed run left.
 */
export const WORKSPACE_TEMP_DIR = '.workbench-temp';

/** A fresh private folder under the workspace's temp folder; removed when `use` settles. */
export async function withWorkspaceTemp<T>(root: string, use: (dir: string) => Promise<T>): Promise<T> {
  const base = join(root, WORKSPACE_TEMP_DIR);
  await ensureFolder(root, base);
  const dir = await fs.mkdtemp(join(base, 'run-'));
  try {
    return await use(dir);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** What atomic writes (`.<name>.<12 hex>.tmp`) and evidence imports (`.import-<12 hex>.tmp`) name their files. */
const TEMP_FILE = /^\.(?:.+\.|import-)[0-9a-f]{12}\.tmp$/;

/** The folders the app writes atomically into: the documents, evidence files and records. */
const WRITE_FOLDERS = ['', join(EVIDENCE_DIR, 'files'), join(EVIDENCE_DIR, 'records')];

/**
 * Removes what a killed run left: the temp folder's contents and half-written `.tmp` files.
 * Runs once the lock is held (so no other instance is writing them) and before anything else is
 * written; returns the workspace-relative paths it removed, for the log. A link in the temp
 * folder's place is removed as a link, never followed.
 */
export async function removeLeftovers(root: string): Promise<string[]> {
  const removed: string[] = [];
  const temp = join(root, WORKSPACE_TEMP_DIR);
  const tempKind = await entryKind(temp);
  if (tempKind === 'folder') {
    for (const name of await fs.readdir(temp)) {
      await fs.rm(join(temp, name), { recursive: true, force: true });
      removed.push(join(WORKSPACE_TEMP_DIR, name));
    }
  } else if (tempKind !== null) {
    await fs.rm(temp, { force: true });
    removed.push(WORKSPACE_TEMP_DIR);
  }
  for (const folder of WRITE_FOLDERS) {
    const names = await listFolder(join(root, folder)).catch(() => [] as string[]);
    for (const name of names.filter((n) => TEMP_FILE.test(n))) {
      if ((await entryKind(join(root, folder, name))) === 'folder') continue;
      await fs.rm(join(root, folder, name), { force: true });
      removed.push(join(folder, name));
    }
  }
  return removed;
}
