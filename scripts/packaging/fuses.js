// Electron fuses for the shipped kiosk (see ../shared/reference/electron-arch.md §2.1). Flipped in
// the packaged binary by after-pack.js, then read back, so a build with a wrong fuse never ships.
import { FuseState, FuseV1Options, FuseVersion, flipFuses, getCurrentFuseWire } from '@electron/fuses';

/** The fuse wire of a production build. */
export const KIOSK_FUSES = Object.freeze({
  version: FuseVersion.V1,
  // `ELECTRON_RUN_AS_NODE=1 VDEXVerify.exe script.js` would turn the signed binary into plain Node.
  [FuseV1Options.RunAsNode]: false,
  // NODE_OPTIONS=--require evil.js would inject code into the main process.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  // --inspect / --inspect-brk would open a debugger on the main process. (Playwright's Electron
  // launcher needs it: Electron e2e runs use an unpackaged build, never this one.)
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // Cookies at rest encrypted with the OS key (the same key safeStorage uses).
  [FuseV1Options.EnableCookieEncryption]: true,
  // app.asar checked against the hash embedded at package time (Windows and macOS; Linux ignores it).
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  // Refuse to load the app from a loose resources/app folder dropped beside the ASAR.
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  // file:// gets no privileges beyond an ordinary origin; the UI is served from app://.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
});

/** Fuse name → expected state byte, for every fuse KIOSK_FUSES sets. */
export function expectedFuseStates(config = KIOSK_FUSES) {
  return Object.fromEntries(
    Object.entries(config)
      .filter(([key]) => key !== 'version')
      .map(([key, on]) => [FuseV1Options[Number(key)], on ? FuseState.ENABLE : FuseState.DISABLE]),
  );
}

/**
 * Flips KIOSK_FUSES in the Electron binary at `electronPath` and reads the wire back.
 * Throws naming each fuse that did not take.
 */
export async function applyKioskFuses(electronPath, { resetAdHocDarwinSignature = false } = {}) {
  await flipFuses(electronPath, { ...KIOSK_FUSES, resetAdHocDarwinSignature });
  const wire = await getCurrentFuseWire(electronPath);
  const wrong = Object.entries(expectedFuseStates()).filter(
    ([name, state]) => wire[FuseV1Options[name]] !== state,
  );
  if (wrong.length > 0) {
    throw new Error(`fuses not applied to ${electronPath}: ${wrong.map(([name]) => name).join(', ')}`);
  }
  return wire;
}
