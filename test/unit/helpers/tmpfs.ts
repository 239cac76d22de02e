import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A real small filesystem for disk-full and read-only tests (root can mount tmpfs). Where
 * mounting is not allowed the caller skips and says why.
 */
export function mountTmpfs(
  sizeKb: number,
): { dir: string; remountReadOnly(): void; unmount(): void } | { error: string } {
  const dir = mkdtempSync(join(tmpdir(), 'aw-tmpfs-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    return { error: `cannot mount a tmpfs here (${(error as Error).message.split('\n')[0]}); needs root` };
  }
  return {
    dir,
    remountReadOnly: () => execFileSync('mount', ['-o', 'remount,ro', dir], { stdio: 'pipe' }),
    unmount: () => {
      execFileSync('umount', [dir], { stdio: 'pipe' });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
