import { describe, expect, it } from 'vitest';
import { mainWindowOptions } from './window-options';

describe('main window options', () => {
  it.each([true, false])('locks the renderer down (production=%s)', (production) => {
    const o = mainWindowOptions({ preloadPath: '/app/preload/index.cjs', production, kiosk: production });
    const w = o.webPreferences!;
    expect(w.contextIsolation).toBe(true);
    expect(w.sandbox).toBe(true);
    expect(w.nodeIntegration).toBe(false);
    expect(w.nodeIntegrationInWorker).toBe(false);
    expect(w.nodeIntegrationInSubFrames).toBe(false);
    expect(w.webSecurity).toBe(true);
    expect(w.allowRunningInsecureContent).toBe(false);
    expect(w.webviewTag).toBe(false);
    expect(w.experimentalFeatures).toBe(false);
    expect(w.preload).toBe('/app/preload/index.cjs');
    expect(w.devTools).toBe(!production);
    expect(o.kiosk).toBe(production);
    expect(o.autoHideMenuBar).toBe(true);
  });
});
