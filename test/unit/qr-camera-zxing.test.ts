/**
 * The camera path's decoder on a dense Secure QR: the UIDAI sample rendered by
 * zxing's own encoder (numeric mode, EC level M, version ~26) with a quiet zone,
 * scaled and blurred a little, decoded with the same hints the camera uses.
 * The camera itself cannot exist here; the decoding core is what is tested.
 */
import { readFileSync } from 'node:fs';
import { BarcodeFormat, BinaryBitmap, DecodeHintType, EncodeHintType, HybridBinarizer, QRCodeReader, QRCodeWriter, RGBLuminanceSource } from '@zxing/library';
import { describe, expect, it } from 'vitest';

const sample = readFileSync(new URL('../../src/devices/qr/fixtures/secure-qr/uidai-sample-ref2697-2019-03-08.txt', import.meta.url), 'utf8').trim();

function render(text: string, scale: number): { pixels: Uint8ClampedArray; size: number } {
  const matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, new Map<EncodeHintType, unknown>([[EncodeHintType.ERROR_CORRECTION, 'M'], [EncodeHintType.MARGIN, 4]]));
  const size = matrix.getWidth() * scale;
  const pixels = new Uint8ClampedArray(size * size);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) pixels[y * size + x] = matrix.get(Math.floor(x / scale), Math.floor(y / scale)) ? 30 : 225;
  }
  return { pixels, size };
}

describe('camera decoding core (@zxing/library)', () => {
  it('reads the 3,181-digit UIDAI Secure QR exactly, with TRY_HARDER', () => {
    const { pixels, size } = render(sample, 4);
    const lum = new Uint8ClampedArray(pixels.length);
    // A soft horizontal blur, like a slightly defocused camera.
    for (let i = 0; i < pixels.length; i++) lum[i] = Math.round(((pixels[i - 1] ?? pixels[i]!) + 2 * pixels[i]! + (pixels[i + 1] ?? pixels[i]!)) / 4);
    const bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(lum, size, size)));
    const result = new QRCodeReader().decode(bitmap, new Map<DecodeHintType, unknown>([[DecodeHintType.TRY_HARDER, true]]));
    expect(result.getText()).toBe(sample);
  });
});
