import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { isProcessAlive } from '../workspace/lock';

/**
 * What an export writes before the bundle is complete: the ZIP itself (`partial`) and the parts
 * of index.pdf (`pdf-parts`, a folder). Both go beside the target, never to the system's temp
 * folder, so a killed export leaves the audit's content only where the person chose to put it,
 * and the next export to that name removes it. The pid in the name says whether its writer runs.
 */
export type BundleTempKind = 'partial' | 'pdf-parts';

export function bundleTempPath(target: string, kind: BundleTempKind): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}-${randomBytes(6).toString('hex')}.${kind}`);
}

/**
 * Removes what earlier exports to the same name left when their process was killed, and returns
 * the names it removed (the export logs them). A running export's files are left alone.
 */
export async function removeStaleBundleTemps(target: string): Promise<string[]> {
  const folder = dirname(target);
  const prefix = `.${basename(target)}.`;
  const names = await fs.readdir(folder).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names) {
    const match = /^(\d+)-[0-9a-f]{12}\.(partial|pdf-parts)$/.exec(
      name.startsWith(prefix) ? name.slice(prefix.length) : '',
    );
    if (!match || isProcessAlive(Number(match[1]))) continue;
    await fs.rm(join(folder, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}
