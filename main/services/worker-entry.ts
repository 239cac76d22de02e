import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface WorkerEntry {
  file: string;
  execArgv: string[];
  cwd?: string;
}

/**
 * Where a worker script is: beside the bundled main process (`<bundled>.js`, an electron-vite
 * entry; the bundler may put the caller in out/main or out/main/chunks), or as TypeScript
 * beside the caller when running from source (CLI, tests), loaded through tsx.
 * `callerDir` is the caller's `__dirname`.
 */
export function workerEntry(callerDir: string, bundled: string, source: string, execArgv: string[] = []): WorkerEntry {
  const built = [join(callerDir, `${bundled}.js`), join(callerDir, '..', `${bundled}.js`)].find(existsSync);
  if (built) return { file: built, execArgv };
  const sourceFile = join(callerDir, source);
  if (!existsSync(sourceFile)) throw new Error(`${bundled}.js is missing (looked beside ${callerDir})`);
  return { file: sourceFile, execArgv: [...execArgv, '--import', 'tsx'], cwd: resolve(__dirname, '..', '..') };
}
