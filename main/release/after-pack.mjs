import { flipFuses } from '@electron/fuses';
import { Arch } from 'electron-builder';
import { electronExecutablePath, fuseConfig } from './fuses.mjs';

/** electron-builder afterPack hook: flips the fuses before the binary is signed and wrapped in an installer. */
export default async function afterPack(context) {
  const platform = context.electronPlatformName;
  const arch = Arch[context.arch];
  const executable = electronExecutablePath({
    platform,
    appOutDir: context.appOutDir,
    productFilename: context.packager.appInfo.productFilename,
    executableName: context.packager.executableName,
  });
  await flipFuses(executable, fuseConfig(platform, arch));
  console.log(`  • fuses flipped  file=${executable}`);
}
