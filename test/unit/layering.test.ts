/** Proves the layering rules of ARCHITECTURE.md are enforced by lint, as errors. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const eslint = new ESLint({ cwd: root });

async function restrictedImportErrors(file: string, code: string): Promise<number> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports' && m.severity === 2).length;
}

describe('layering lint', () => {
  it.each([
    ['src/shared/x.ts', "import fs from 'node:fs';\nexport const a = fs;"],
    ['src/shared/x.ts', "import { readFile } from 'fs';\nexport const a = readFile;"],
    ['src/shared/x.ts', "import { app } from 'electron';\nexport const a = app;"],
    ['src/shared/x.ts', "import { createHost } from '../main/host';\nexport const a = createHost;"],
    ['src/main/kyc/x.ts', "import { app } from 'electron';\nexport const a = app;"],
    ['src/main/host2.ts', "import { ipcMain } from 'electron';\nexport const a = ipcMain;"],
    ['src/devices/rd/x.ts', "import { app } from 'electron';\nexport const a = app;"],
    ['src/devices/rd/x.ts', "import { createHost } from '../../main/host';\nexport const a = createHost;"],
    ['src/renderer/x.ts', "import { createHost } from '../main/host';\nexport const a = createHost;"],
    ['src/renderer/x.ts', "import fs from 'node:fs';\nexport const a = fs;"],
    ['src/renderer/x.ts', "import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;"],
    ['src/main/x.ts', "import { sim } from '../../simulators/rd-service/server';\nexport const a = sim;"],
    ['src/devices/x.ts', "import { sim } from '../../simulators/rd-service/server';\nexport const a = sim;"],
    ['src/main/x.ts', "import { app } from '../../server/src/app';\nexport const a = app;"],
  ])('%s: a forbidden import fails lint', async (file, code) => {
    expect(await restrictedImportErrors(file, code)).toBeGreaterThan(0);
  });

  it.each([
    ['src/main/electron/x.ts', "import { app } from 'electron';\nexport const a = app;"],
    ['src/preload/x.ts', "import { contextBridge } from 'electron';\nexport const a = contextBridge;"],
    ['src/renderer/x.ts', "import { channels } from '../shared/ipc';\nexport const a = channels;"],
    ['src/main/x.ts', "import fs from 'node:fs';\nexport const a = fs;"],
    ['server/src/x.ts', "import { channels } from '../../src/shared/ipc';\nexport const a = channels;"],
  ])('%s: an allowed import passes', async (file, code) => {
    expect(await restrictedImportErrors(file, code)).toBe(0);
  });
});
