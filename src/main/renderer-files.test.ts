import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveRendererFile } from './renderer-files';

const root = path.resolve('/srv/renderer');

describe('renderer file resolution (app:// and browser mode)', () => {
  it('serves index.html for the root and files inside the build', () => {
    expect(resolveRendererFile(root, '/')).toEqual({ ok: true, file: path.join(root, 'index.html'), contentType: 'text/html; charset=utf-8' });
    expect(resolveRendererFile(root, '/assets/index-1.js')).toMatchObject({ ok: true, file: path.join(root, 'assets/index-1.js'), contentType: 'text/javascript; charset=utf-8' });
    expect(resolveRendererFile(root, '/decoders/openjpeg.wasm')).toMatchObject({ ok: true, contentType: 'application/wasm' });
  });

  it.each(['/../etc/passwd', '/assets/../../secret', '/%2e%2e/%2e%2e/etc/passwd', '/..%2fkey.json', '/a\\..\\b', '/x%00.js', '/%E0%A4%A'])('refuses %s', (p) => {
    expect(resolveRendererFile(root, p).ok).toBe(false);
  });

  it('never resolves outside the root, whatever the path (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('..', '.', 'a', '%2e%2e', '%2f', '/', '\\', 'b.js', '%00', '%'), { maxLength: 12 }), (parts) => {
        const r = resolveRendererFile(root, `/${parts.join('/')}`);
        if (r.ok) expect(r.file === root || r.file.startsWith(root + path.sep)).toBe(true);
      }),
    );
  });
});
