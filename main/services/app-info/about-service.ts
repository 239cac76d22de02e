import { promises as fs } from 'node:fs';
import { release } from 'node:os';
import type { AboutInfo, BundledLicense } from '../../../shared/ipc/channels/app';

export interface AboutDeps {
  appVersion: string;
  /** process.versions of the running host: Electron adds electron and chrome. */
  versions: NodeJS.ProcessVersions & { electron?: string; chrome?: string };
  platform: NodeJS.Platform;
  arch: string;
  /** out/licenses.json, written by `npm run build` (main/release/licenses.mjs). */
  licensesFile: string;
}

/** Versions and licenses for Help → About and the diagnostics ZIP. */
export class AboutService {
  constructor(private readonly deps: AboutDeps) {}

  async about(): Promise<AboutInfo> {
    const { versions } = this.deps;
    const licenses = await this.licenses();
    return {
      appVersion: this.deps.appVersion,
      ...(versions.electron ? { electron: versions.electron } : {}),
      ...(versions.chrome ? { chromium: versions.chrome } : {}),
      node: versions.node,
      os: `${this.deps.platform} ${release()} (${this.deps.arch})`,
      ...licenses,
    };
  }

  private async licenses(): Promise<Pick<AboutInfo, 'licenses' | 'licensesProblem'>> {
    try {
      const raw = await fs.readFile(this.deps.licensesFile, 'utf8');
      const parsed = JSON.parse(raw) as BundledLicense[];
      if (!Array.isArray(parsed)) throw new Error('not a list');
      return { licenses: parsed };
    } catch (error) {
      return {
        licenses: [],
        licensesProblem: `The license list (${this.deps.licensesFile}) could not be read: ${(error as Error).message}. It is written by \`npm run build\`.`,
      };
    }
  }
}
