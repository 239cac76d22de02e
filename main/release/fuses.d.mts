import type { FuseV1Config } from '@electron/fuses';
export declare const FUSE_SETTINGS: Partial<Record<number, boolean>>;
export declare function fuseConfig(platform: string, arch: string): FuseV1Config & Record<number, boolean>;
export declare function electronExecutablePath(options: {
  platform: string;
  appOutDir: string;
  productFilename: string;
  executableName: string;
}): string;
