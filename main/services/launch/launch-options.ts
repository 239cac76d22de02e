import { isAbsolute, resolve } from 'node:path';

/**
 * The workspace folder named on the command line (`--workspace DIR` or `--workspace=DIR`), resolved against the
 * directory the launch came from. A second launch hands its argv and working directory to the first instance, which
 * opens the folder there: `npm start -- --workspace DIR` works whether or not the app is already running.
 */
export function workspaceFromArgv(argv: readonly string[], workingDirectory: string): string | null {
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    let value: string | undefined;
    if (arg === '--workspace') value = argv[index + 1];
    else if (arg.startsWith('--workspace=')) value = arg.slice('--workspace='.length);
    else continue;
    if (!value || value.startsWith('--')) return null;
    return isAbsolute(value) ? resolve(value) : resolve(workingDirectory, value);
  }
  return null;
}

export interface DevelopmentSwitches {
  /** Tests point userData at a temp folder. */
  userDataDir?: string;
  /** Tests run several instances side by side. */
  allowMultiple: boolean;
  /** electron-vite's dev server. */
  rendererDevUrl?: string;
}

/**
 * Switches for tests and development, honoured only in an unpackaged build: an environment variable must not decide
 * where a packaged app keeps its data, whether it shares a workspace with a second copy, or what page it trusts.
 */
export function developmentSwitches(env: NodeJS.ProcessEnv, isPackaged: boolean): DevelopmentSwitches {
  if (isPackaged) return { allowMultiple: false };
  return {
    userDataDir: env.AW_USER_DATA_DIR || undefined,
    allowMultiple: !!env.AW_ALLOW_MULTIPLE,
    rendererDevUrl: env.ELECTRON_RENDERER_URL || undefined,
  };
}
