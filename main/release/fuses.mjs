import { FuseV1Options, FuseVersion } from '@electron/fuses';

/**
 * The fuses flipped in every packaged binary. Each one closes a way to run code in the app's process that the app
 * itself never uses: a founder's laptop holds AWS sessions, and the app must not double as a Node runtime or a
 * debugger target for whatever else runs there.
 */
export const FUSE_SETTINGS = {
  // ELECTRON_RUN_AS_NODE=1 would turn the signed binary into a plain Node.
  [FuseV1Options.RunAsNode]: false,
  // NODE_OPTIONS=--require … would load arbitrary code before the app.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  // --inspect / --inspect-brk would open a debugger port into the main process.
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // Cookies of the capture windows' sessions are encrypted at rest with the OS keychain.
  [FuseV1Options.EnableCookieEncryption]: true,
  // app.asar is checked against the hash embedded at build time: a patched asar does not start.
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  // Only app.asar is loaded, never a loose app/ folder placed beside it.
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  // The renderer is served from app://, so file:// needs none of its legacy extra privileges.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
};

/** The full fuse configuration for @electron/fuses' flipFuses, for the given platform. */
export function fuseConfig(platform, arch) {
  return {
    version: FuseVersion.V1,
    // Flipping fuses changes the binary; an ad-hoc signed arm64 macOS binary must be re-signed or it will not start.
    resetAdHocDarwinSignature: platform === 'darwin' && arch === 'arm64',
    ...FUSE_SETTINGS,
  };
}

/** Where the Electron executable is inside electron-builder's output folder for a platform. */
export function electronExecutablePath({ platform, appOutDir, productFilename, executableName }) {
  if (platform === 'darwin' || platform === 'mas') return `${appOutDir}/${productFilename}.app`;
  if (platform === 'win32') return `${appOutDir}/${productFilename}.exe`;
  return `${appOutDir}/${executableName}`;
}
