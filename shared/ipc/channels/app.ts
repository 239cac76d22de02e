import { z } from 'zod';
import { method } from '../define';

export interface BundledLicense {
  name: string;
  version: string;
  license: string;
}

/** What Help → About shows: the versions a bug report needs, and the licenses of what the app ships. */
export interface AboutInfo {
  appVersion: string;
  /** Absent outside Electron (the CLI, the UI tests). */
  electron?: string;
  chromium?: string;
  node: string;
  os: string;
  licenses: BundledLicense[];
  /** Why the license list is empty, when it is. */
  licensesProblem?: string;
}

export const appChannels = {
  about: method(z.undefined()).returns<AboutInfo>(),
  /** Writes the diagnostics ZIP where the person chooses; null when they cancel. */
  exportDiagnostics: method(z.undefined()).returns<{ path: string; entries: string[] } | null>(),
};
