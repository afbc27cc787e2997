/**
 * electron-builder.yml checked without the Electron binary (it cannot be downloaded here): the
 * config against electron-builder's own schema, and the files a package would contain, computed
 * with electron-builder's own file matchers over a fresh `electron-vite build` output.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBuilderConfig, packageFileList, validateBuilderConfig, type BuilderConfig } from '../../scripts/packaging/package-files.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const NATIVE_ADDONS = ['better-sqlite3-multiple-ciphers', 'keytar', 'node-hid', 'serialport', 'usb'];
/** Anything that must never ship: simulators, tests and fixtures, source maps, env files, keys. */
const FORBIDDEN = [/(^|\/)simulators\//, /\.(test|spec)\.[cm]?[jt]sx?$/, /(^|\/)(test|tests|__tests__|fixtures)\//, /\.map$/, /(^|\/)\.env(\.|$)/, /\.(key|p12|pfx|jks)$/];

let project: string;
let config: BuilderConfig;
let files: { app: string[]; resources: string[] };

beforeAll(() => {
  // A throwaway project: the real config, package.json and resources, a fresh build, plus decoys
  // (a simulator, a source map, a test fixture, an env file, a private key) that must be left out.
  project = mkdtempSync(path.join(os.tmpdir(), 'vdex-pack-'));
  const build = spawnSync(path.join(root, 'node_modules/.bin/electron-vite'), ['build', '--outDir', path.join(project, 'out')], { cwd: root, encoding: 'utf8' });
  expect(build.status, build.stderr).toBe(0);
  for (const f of ['electron-builder.yml', 'package.json']) cpSync(path.join(root, f), path.join(project, f));
  cpSync(path.join(root, 'resources'), path.join(project, 'resources'), { recursive: true });
  cpSync(path.join(root, 'scripts/packaging'), path.join(project, 'scripts/packaging'), { recursive: true });
  symlinkSync(path.join(root, 'node_modules'), path.join(project, 'node_modules'), 'dir');
  const decoys: Record<string, string> = {
    'simulators/rd-service/server.js': 'module.exports = {}',
    'out/main/index.js.map': '{"version":3}',
    'out/renderer/assets/app.js.map': '{"version":3}',
    'out/main/store.test.js': 'test()',
    'out/main/fixtures/resident.json': '{}',
    'out/main/.env': 'VDEX_MODE=development',
    'out/main/.env.local': 'SECRET=1',
    'out/main/signing.key': '-----BEGIN PRIVATE KEY-----',
    'resources/uidai-certs/test-uidai.p12': 'x',
    'resources/uidai-certs/README.md': '# not a certificate',
    'resources/consent/.env': 'X=1',
  };
  for (const [rel, text] of Object.entries(decoys)) {
    mkdirSync(path.dirname(path.join(project, rel)), { recursive: true });
    writeFileSync(path.join(project, rel), text);
  }
}, 120_000);

afterAll(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

describe('electron-builder.yml', () => {
  it('is valid against electron-builder’s own schema (app-builder-lib scheme.json)', async () => {
    config = await loadBuilderConfig(project);
    await expect(validateBuilderConfig(config)).resolves.toBeUndefined();
  });

  it('the schema check is real: a misspelt or mistyped option is refused', async () => {
    const base = await loadBuilderConfig(project);
    await expect(validateBuilderConfig({ ...base, nsis: { ...(base.nsis as object), perMachin: true } })).rejects.toThrow(/configuration\.nsis/);
    await expect(validateBuilderConfig({ ...base, asar: 'yes' })).rejects.toThrow(/asar/);
  });

  it('targets Windows NSIS per machine and Linux AppImage + deb, with app id and product name', async () => {
    const c = (await loadBuilderConfig(project)) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(c.appId).toBe('in.vdex.verify');
    expect(c.productName).toBe('V-DEX Verify');
    expect(c.win.target.map((t: { target: string }) => t.target)).toEqual(['nsis']);
    expect(c.nsis).toMatchObject({ perMachine: true, oneClick: false });
    expect(c.linux.target.map((t: { target: string }) => t.target).sort()).toEqual(['AppImage', 'deb']);
    expect(c.asar).toBe(true);
    for (const addon of NATIVE_ADDONS) {
      expect(c.asarUnpack.some((g: string) => g.includes(`node_modules/${addon}/`)), addon).toBe(true);
    }
    expect(c.afterPack).toBe('./scripts/packaging/after-pack.js');
    expect(existsSync(path.join(root, c.afterPack))).toBe(true);
  });
});

describe('the files a package would contain', () => {
  beforeAll(async () => {
    config ??= await loadBuilderConfig(project);
    files = packageFileList(project, config);
  });

  it('holds the built main, preload and renderer, and package.json', () => {
    expect(files.app).toEqual(expect.arrayContaining(['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html', 'package.json']));
    expect(files.app.some((f) => /^out\/renderer\/assets\/index-.*\.js$/.test(f))).toBe(true);
  });

  it('holds every UIDAI certificate, the consent texts and the WASM decoders as resources', () => {
    const certs = readdirSync(path.join(root, 'resources/uidai-certs')).filter((f) => /\.(cer|pem|crt)$/.test(f));
    expect(certs.length).toBeGreaterThan(0);
    for (const cert of certs) expect(files.resources).toContain(`uidai-certs/${cert}`);
    expect(files.resources.some((f) => f.startsWith('wasm/') && f.endsWith('.wasm'))).toBe(true);
    const consent = readdirSync(path.join(root, 'resources/consent'));
    for (const text of consent) expect(files.resources).toContain(`consent/${text}`);
  });

  it('holds no simulator, test code, fixture, source map, env file or key (decoys planted and left out)', () => {
    const all = [...files.app, ...files.resources];
    for (const file of all) {
      for (const pattern of FORBIDDEN) expect(file, `${file} matches ${pattern}`).not.toMatch(pattern);
    }
    expect(files.resources).not.toContain('uidai-certs/README.md');
  });

  it('no shipped file carries private key material or a source map reference', () => {
    for (const file of files.app) {
      const text = readFileSync(path.join(project, file), 'utf8');
      expect(text, file).not.toMatch(/PRIVATE KEY-----/);
      expect(text, file).not.toMatch(/sourceMappingURL=(?!data:)/);
    }
    for (const file of files.resources.filter((f) => !f.endsWith('.wasm'))) {
      const source = file.startsWith('wasm/') ? null : path.join(project, 'resources', file);
      if (source) expect(readFileSync(source, 'utf8'), file).not.toMatch(/PRIVATE KEY-----/);
    }
  });
});
