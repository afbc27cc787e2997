import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, APP_ORIGIN, crashAction, isBlockedShortcut, isNavigationAllowed, isPermissionAllowed, isTrustedSender, originOf } from './policy';

const allowed = [APP_ORIGIN];

describe('security policy (pure, no electron)', () => {
  it('computes origins for custom and web schemes', () => {
    expect(originOf(APP_ENTRY_URL)).toBe('app://kiosk');
    expect(originOf('http://127.0.0.1:5173/x')).toBe('http://127.0.0.1:5173');
    expect(originOf('not a url')).toBeNull();
  });

  it('trusts only our main frame', () => {
    expect(isTrustedSender({ url: APP_ENTRY_URL, parent: null }, allowed)).toBe(true);
    expect(isTrustedSender({ url: `${APP_ORIGIN}/deep/page.html#x`, parent: null }, allowed)).toBe(true);
    expect(isTrustedSender({ url: APP_ENTRY_URL, parent: {} }, allowed)).toBe(false);
    expect(isTrustedSender({ url: 'app://kiosk.evil/index.html', parent: null }, allowed)).toBe(false);
    expect(isTrustedSender({ url: 'https://kiosk/index.html', parent: null }, allowed)).toBe(false);
    expect(isTrustedSender(null, allowed)).toBe(false);
  });

  it('allows only in-app hash navigation', () => {
    expect(isNavigationAllowed(`${APP_ENTRY_URL}#/queue`, APP_ENTRY_URL)).toBe(true);
    expect(isNavigationAllowed('https://example.com/', APP_ENTRY_URL)).toBe(false);
    expect(isNavigationAllowed('app://kiosk/other.html', APP_ENTRY_URL)).toBe(false);
    expect(isNavigationAllowed('javascript:alert(1)', APP_ENTRY_URL)).toBe(false);
  });

  it('grants the camera to our origin only, and nothing else', () => {
    expect(isPermissionAllowed('media', APP_ENTRY_URL, allowed, { mediaTypes: ['video'] })).toBe(true);
    expect(isPermissionAllowed('media', APP_ENTRY_URL, allowed, { mediaTypes: ['video', 'audio'] })).toBe(false);
    expect(isPermissionAllowed('media', 'https://evil.example/', allowed, { mediaTypes: ['video'] })).toBe(false);
    for (const p of ['geolocation', 'notifications', 'clipboard-read', 'hid', 'serial', 'usb', 'openExternal']) {
      expect(isPermissionAllowed(p, APP_ENTRY_URL, allowed)).toBe(false);
    }
  });

  it('blocks reload, devtools, print and close shortcuts', () => {
    const key = (k: string, mods: Partial<{ control: boolean; shift: boolean; meta: boolean }> = {}) => ({ type: 'keyDown', key: k, control: false, meta: false, shift: false, alt: false, ...mods });
    expect(isBlockedShortcut(key('F5'))).toBe(true);
    expect(isBlockedShortcut(key('r', { control: true }))).toBe(true);
    expect(isBlockedShortcut(key('I', { control: true, shift: true }))).toBe(true);
    expect(isBlockedShortcut(key('p', { meta: true }))).toBe(true);
    expect(isBlockedShortcut(key('a'))).toBe(false);
    expect(isBlockedShortcut(key('Enter'))).toBe(false);
  });

  it('reloads after a crash, and goes out of service after repeated crashes', () => {
    const now = 1_000_000;
    expect(crashAction([now], now)).toBe('reload');
    expect(crashAction([now - 10_000, now - 5_000, now], now)).toBe('out-of-service');
    expect(crashAction([now - 600_000, now - 500_000, now], now)).toBe('reload');
  });
});
