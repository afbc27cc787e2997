/**
 * keytar for real: a private D-Bus session (dbus-run-session) with
 * gnome-keyring-daemon unlocked by a test password, the child process using
 * the real keytar addon against that Secret Service. Nothing is mocked.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../test-support/fixtures';

const repoRoot = path.resolve(import.meta.dirname, '../../../..');
const cleanups: Array<() => void> = [];
afterEach(() => { while (cleanups.length) cleanups.pop()!(); });

function runChild(script: string, args: string[], env: NodeJS.ProcessEnv, wrap: boolean) {
  const node = [process.execPath, '--import', 'tsx', path.join(import.meta.dirname, '../test-support', script), ...args].map((a) => `'${a}'`).join(' ');
  const shell = wrap
    // The keyring reads its unlock password on stdin; --components=secrets starts only the Secret Service.
    ? `printf 'test-keyring-password' | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec ${node}`
    : `exec ${node}`;
  const cmd = wrap ? ['dbus-run-session', '--', 'sh', '-c', shell] : ['sh', '-c', shell];
  return spawnSync(cmd[0]!, cmd.slice(1), { cwd: repoRoot, env, encoding: 'utf8', timeout: 60_000 });
}

describe('KeytarKeyStore against a real Secret Service (gnome-keyring under dbus-run-session)', () => {
  it('creates both keys in the keyring, reopens with them, and reports a missing key as KEY_UNAVAILABLE', () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const home = tempDir('vdex-home-');
    cleanups.push(home.cleanup);
    const env = { PATH: process.env.PATH ?? '', HOME: home.dir, XDG_RUNTIME_DIR: home.dir, XDG_DATA_HOME: path.join(home.dir, 'share') };
    const r = runChild('keytar-child.ts', [t.dir], env, true);
    expect(r.stderr.replace(/^dbus-daemon.*fd limit.*$/gm, '').trim()).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout.trim().split('\n').pop()!)).toEqual({
      backend: 'keytar (OS keychain)',
      keysInKeyring: true,
      reopenedRecord: true,
      otherService: 'E_STORE_KEY_UNAVAILABLE',
      afterDelete: 'E_STORE_KEY_UNAVAILABLE',
    });
  });

  it('without any Secret Service the store reports KEY_UNAVAILABLE instead of crashing', () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const script = `import { KeytarKeyStore } from './src/main/store/keys/keytar-key-store';
      import { Store } from './src/main/store/store';
      Store.open({ dataDir: ${JSON.stringify(t.dir)}, mode: 'production', keyStore: new KeytarKeyStore('vdex-test-none') })
        .then(() => console.log('opened'), (e) => console.log(e.code, e.message));`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: repoRoot, env: { PATH: process.env.PATH ?? '', HOME: t.dir, DBUS_SESSION_BUS_ADDRESS: `unix:path=${t.dir}/no-bus` }, encoding: 'utf8', timeout: 60_000,
    });
    expect(r.stdout).toMatch(/^E_STORE_KEY_UNAVAILABLE The kiosk cannot reach its key store \(keytar \(OS keychain\)\)/);
  });
});
