/**
 * The fuse configuration applied after packing, and the afterPack hook flipping it. There is no
 * Electron binary here, so the hook runs on a synthetic binary carrying Electron's fuse sentinel
 * and a fuse wire as Electron 45 ships it (all fuses at Electron's defaults).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FuseState, FuseV1Options, FuseVersion, getCurrentFuseWire } from '@electron/fuses';
import { afterEach, describe, expect, it } from 'vitest';
import afterPack, { electronBinaryPath } from '../../scripts/packaging/after-pack.js';
import { KIOSK_FUSES, expectedFuseStates } from '../../scripts/packaging/fuses.js';

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A file laid out like an Electron executable around the fuse wire: bytes, sentinel, version, length, wire. */
function fakeElectron(dir: string, name: string): string {
  // Electron's defaults: RunAsNode, cookie encryption off, NODE_OPTIONS on, inspect on, integrity off, asar-only off, snapshot off, file privileges on, wasm trap on.
  const wire = '101100011';
  const file = path.join(dir, name);
  writeFileSync(file, Buffer.concat([Buffer.alloc(4096, 7), Buffer.from(SENTINEL), Buffer.from([1, wire.length]), Buffer.from(wire), Buffer.alloc(4096, 9)]));
  return file;
}

describe('kiosk fuses', () => {
  it('turn off RunAsNode, NODE_OPTIONS, --inspect and file:// privileges; turn on cookie encryption, ASAR integrity, ASAR-only', () => {
    expect(KIOSK_FUSES.version).toBe(FuseVersion.V1);
    expect(expectedFuseStates()).toEqual({
      RunAsNode: FuseState.DISABLE,
      EnableNodeOptionsEnvironmentVariable: FuseState.DISABLE,
      EnableNodeCliInspectArguments: FuseState.DISABLE,
      GrantFileProtocolExtraPrivileges: FuseState.DISABLE,
      EnableCookieEncryption: FuseState.ENABLE,
      EnableEmbeddedAsarIntegrityValidation: FuseState.ENABLE,
      OnlyLoadAppFromAsar: FuseState.ENABLE,
    });
  });

  it('the afterPack hook flips them in the packed Linux binary and leaves every other byte alone', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'vdex-fuses-'));
    dirs.push(dir);
    const binary = fakeElectron(dir, 'vdex-verify');
    const before = readFileSync(binary);
    const context = { appOutDir: dir, electronPlatformName: 'linux', arch: 1, packager: { appInfo: { productFilename: 'V-DEX Verify' }, executableName: 'vdex-verify' } };
    expect(electronBinaryPath(context)).toBe(binary);
    await afterPack(context);
    const wire = await getCurrentFuseWire(binary);
    expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE);
    // Fuses the kiosk does not set keep Electron's value (snapshot off, WASM trap handlers on).
    expect(wire[FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.WasmTrapHandlers]).toBe(FuseState.ENABLE);
    const after = readFileSync(binary);
    expect(after.length).toBe(before.length);
    const changed = [...after.keys()].filter((i) => after[i] !== before[i]);
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.every((i) => i >= 4096 + SENTINEL.length + 2 && i < 4096 + SENTINEL.length + 2 + 9)).toBe(true);
  });

  it('names the Windows binary after the product, as electron-builder does', () => {
    const context = { appOutDir: 'C:/out', electronPlatformName: 'win32', arch: 1, packager: { appInfo: { productFilename: 'V-DEX Verify' }, executableName: 'V-DEX Verify' } };
    expect(electronBinaryPath(context)).toBe(path.join('C:/out', 'V-DEX Verify.exe'));
  });

  it('fails the build when the binary has no fuse wire (never ships an unfused app)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'vdex-fuses-'));
    dirs.push(dir);
    writeFileSync(path.join(dir, 'vdex-verify'), Buffer.alloc(1024, 1));
    const context = { appOutDir: dir, electronPlatformName: 'linux', arch: 1, packager: { appInfo: { productFilename: 'V-DEX Verify' }, executableName: 'vdex-verify' } };
    await expect(afterPack(context)).rejects.toThrow(/sentinel/);
  });
});
