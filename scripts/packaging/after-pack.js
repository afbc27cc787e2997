// electron-builder `afterPack` hook: flips the kiosk's fuses in the packed Electron binary before
// the installer (NSIS, AppImage, deb) is made from it. Code signing runs after this hook.
import path from 'node:path';
import { applyKioskFuses } from './fuses.js';

/**
 * Path of the Electron executable inside electron-builder's unpacked app folder (the same rule as
 * electron-builder's own PlatformPackager.addElectronFuses: Linux uses `linux.executableName`).
 */
export function electronBinaryPath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  const name = packager.appInfo.productFilename;
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return path.join(appOutDir, `${name}.app`);
    case 'win32':
      return path.join(appOutDir, `${name}.exe`);
    default:
      return path.join(appOutDir, packager.executableName);
  }
}

export default async function afterPack(context) {
  const binary = electronBinaryPath(context);
  const darwin = context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas';
  await applyKioskFuses(binary, { resetAdHocDarwinSignature: darwin && context.arch === 3 /* arm64 */ });
  console.log(`  • fuses applied  binary=${binary}`);
}
