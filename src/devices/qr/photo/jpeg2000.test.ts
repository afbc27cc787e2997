import { readFileSync, readdirSync } from 'node:fs';
import { decode as decodePng } from 'fast-png';
import { describe, expect, it } from 'vitest';
import { fixture } from '../fixtures';
import { decodeJpeg2000, photoToPngDataUrl, readJpeg2000Header } from './jpeg2000';

const photos = readdirSync(fixture('secure-qr', 'expected')).filter((f) => f.endsWith('.j2k'));

describe('JPEG 2000 photo', () => {
  it.each(photos)('%s decodes to 60x60 RGBA and a PNG data URL the review screen can show', async (file) => {
    const bytes = readFileSync(fixture('secure-qr', 'expected', file));
    expect(readJpeg2000Header(bytes)).toEqual({ width: 60, height: 60, components: 3, bitDepth: 8 });
    const photo = await decodeJpeg2000(bytes);
    expect(photo.width).toBe(60);
    expect(photo.rgba.length).toBe(60 * 60 * 4);
    // A real face photo: not a flat colour, fully opaque.
    const reds = new Set<number>();
    for (let i = 0; i < photo.rgba.length; i += 4) reds.add(photo.rgba[i]!);
    expect(reds.size).toBeGreaterThan(20);
    expect(photo.rgba.filter((_, i) => i % 4 === 3).every((a) => a === 255)).toBe(true);
    const url = photoToPngDataUrl(photo);
    expect(url).toMatch(/^data:image\/png;base64,/);
    const png = decodePng(Buffer.from(url.split(',')[1]!, 'base64'));
    expect([png.width, png.height]).toEqual([60, 60]);
    expect(Array.from(png.data.slice(0, 8))).toEqual(Array.from(photo.rgba.slice(0, 8)));
  });

  it('refuses a header claiming a huge image before decoding, and garbage, with E_QR_PHOTO', async () => {
    const bytes = Uint8Array.from(readFileSync(fixture('secure-qr', 'expected', photos[0]!)));
    bytes.set([0, 0, 0x27, 0x10], 8); // Xsiz = 10000
    await expect(decodeJpeg2000(bytes)).rejects.toMatchObject({ code: 'E_QR_PHOTO' });
    await expect(decodeJpeg2000(new Uint8Array(100))).rejects.toMatchObject({ code: 'E_QR_PHOTO' });
  });

  it('survives a corrupted codestream with a typed error or an image, never a crash', async () => {
    const good = readFileSync(fixture('secure-qr', 'expected', photos[0]!));
    for (let i = 0; i < 40; i++) {
      const bad = Uint8Array.from(good);
      const at = 60 + ((i * 97) % (good.length - 60));
      bad[at] = bad[at]! ^ 0xa5;
      await decodeJpeg2000(bad).then((p) => expect(p.width).toBe(60), (e: unknown) => expect(e).toMatchObject({ code: 'E_QR_PHOTO' }));
    }
  });
});
