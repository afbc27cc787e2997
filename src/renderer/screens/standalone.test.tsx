/**
 * The routes the Electron shell opens instead of the app: `#/config-refused/<code>` and
 * `#/out-of-service`. They render with no kiosk bridge at all (window.kiosk here throws on any use).
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resources } from '../i18n';

const touched: string[] = [];
beforeAll(() => {
  // No DOM in this project's unit tests: a window whose kiosk records (and refuses) every access.
  (globalThis as { window?: unknown }).window = { kiosk: new Proxy({}, { get: (_t, p) => { touched.push(String(p)); throw new Error('kiosk call'); } }) };
});
afterAll(() => void delete (globalThis as { window?: unknown }).window);

describe('standalone routes', () => {
  it('#/out-of-service: a calm page in English, Hindi and Tamil, with no kiosk call', async () => {
    const { standaloneScreen, OUT_OF_SERVICE_HASH } = await import('./standalone');
    const html = renderToStaticMarkup(standaloneScreen(OUT_OF_SERVICE_HASH)!);
    expect(html).toContain('data-testid="out-of-service"');
    for (const lang of ['en', 'hi', 'ta'] as const) {
      const t = resources[lang].translation.outOfService;
      expect(html, lang).toContain(t.body);
      expect(html, lang).toContain(t.action);
    }
    expect(html).not.toMatch(/outOfService\./);
    expect(touched).toEqual([]);
  });

  it('#/config-refused/<code>: the refusal screen with its code; other routes are the app', async () => {
    const { standaloneScreen } = await import('./standalone');
    const html = renderToStaticMarkup(standaloneScreen('#/config-refused/E_CONFIG_BAD_SIGNATURE')!);
    expect(html).toContain('data-testid="config-refused"');
    expect(html).toContain('E_CONFIG_BAD_SIGNATURE');
    expect(html).toContain('changed after it was signed');
    expect(standaloneScreen('#/config-refused/<script>')).toBeNull();
    expect(standaloneScreen('#/out-of-service/x')).toBeNull();
    expect(standaloneScreen('')).toBeNull();
    expect(standaloneScreen('#token=abc')).toBeNull();
    expect(touched).toEqual([]);
  });
});
