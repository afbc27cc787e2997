/** The configuration-refused screen: route parsing, and the markup it renders for each code. */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ConfigErrorCode } from '../../shared/config-errors';
import { ConfigRefusedScreen, configRefusalFromHash } from './ConfigRefusedScreen';

describe('ConfigRefusedScreen', () => {
  it('reads the refusal code from the route the Electron shell loads', () => {
    expect(configRefusalFromHash('#/config-refused/E_CONFIG_UNSIGNED')).toBe('E_CONFIG_UNSIGNED');
    expect(configRefusalFromHash('#/home')).toBeNull();
    expect(configRefusalFromHash('#/config-refused/<script>')).toBeNull();
  });

  it('explains every refusal code the config loader can produce, with the code for IT', () => {
    const fallback = renderToStaticMarkup(<ConfigRefusedScreen code="E_SOMETHING_NEW" />);
    for (const code of Object.values(ConfigErrorCode).filter((c) => c !== 'E_CONFIG_UNREADABLE' && c !== 'E_CONFIG_BAD_KEY')) {
      const html = renderToStaticMarkup(<ConfigRefusedScreen code={code} />);
      expect(html).toContain(code);
      expect(html, code).not.toBe(fallback.replace('E_SOMETHING_NEW', code));
    }
    expect(fallback).toContain('could not be read');
  });
});
