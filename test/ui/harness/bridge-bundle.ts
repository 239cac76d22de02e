import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'vite';

const ROOT = resolve(__dirname, '../../..');
export const BRIDGE_FILE = join(ROOT, 'out', 'test-bridge', 'bridge.js');

/** Bundles the bridge (shared contract + createApi) into one script for `addInitScript`. */
export async function buildBridge(): Promise<void> {
  await build({
    configFile: false,
    logLevel: 'warn',
    root: ROOT,
    build: {
      outDir: join(ROOT, 'out', 'test-bridge'),
      emptyOutDir: true,
      minify: false,
      lib: {
        entry: join(__dirname, 'bridge-entry.ts'),
        formats: ['iife'],
        name: 'awBridge',
        fileName: () => 'bridge.js',
      },
    },
  });
}

export function bridgeScript(): string {
  if (!existsSync(BRIDGE_FILE)) throw new Error(`${BRIDGE_FILE} is missing: the Playwright global setup builds it.`);
  return readFileSync(BRIDGE_FILE, 'utf8');
}
