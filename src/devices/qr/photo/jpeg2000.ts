/**
 * The Secure QR photo: a raw JPEG 2000 codestream (about 880 bytes, 60x60 RGB).
 * Chromium cannot show JPEG 2000, so it is decoded here with OpenJPEG built to
 * WASM (@cornerstonejs/codec-openjpeg), loaded from the local package file, never
 * a CDN, and re-encoded as PNG for the review screen. OpenJPEG has a CVE history:
 * decode only signature-verified photos, and check the SIZ header size first.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { encode as encodePng } from 'fast-png';
import { KioskError } from '../../../shared/errors';
import { QrErrorCode } from '../errors';

/** Larger than any Aadhaar QR photo (60x60); refuse bigger claims before decoding. */
export const MAX_PHOTO_SIDE = 200;
const MAX_PHOTO_BYTES = 16 * 1024;

export interface Jpeg2000Header {
  width: number;
  height: number;
  components: number;
  bitDepth: number;
}

export interface DecodedPhoto {
  width: number;
  height: number;
  /** width * height * 4 bytes, RGBA. */
  rgba: Uint8Array;
}

const photoError = (detail: string) => new KioskError(QrErrorCode.PHOTO, 'The photo in this QR could not be shown.', { detail });

/** Reads the SOC + SIZ header of a JPEG 2000 codestream without decoding it. */
export function readJpeg2000Header(bytes: Uint8Array): Jpeg2000Header {
  if (bytes.length < 48 || bytes[0] !== 0xff || bytes[1] !== 0x4f || bytes[2] !== 0xff || bytes[3] !== 0x51) {
    throw photoError('not a JPEG 2000 codestream');
  }
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const xsiz = v.getUint32(8);
  const ysiz = v.getUint32(12);
  const xo = v.getUint32(16);
  const yo = v.getUint32(20);
  const components = v.getUint16(40);
  const width = xsiz - xo;
  const height = ysiz - yo;
  if (components < 1 || components > 4 || bytes.length < 42 + 3 * components) throw photoError('bad component count');
  const bitDepth = (bytes[42]! & 0x7f) + 1;
  if (width < 1 || height < 1 || width > MAX_PHOTO_SIDE || height > MAX_PHOTO_SIDE || xo > xsiz || yo > ysiz) {
    throw photoError('image size out of range');
  }
  return { width, height, components, bitDepth };
}

interface FrameInfo { width: number; height: number; bitsPerSample: number; componentCount: number; isSigned: boolean }
interface J2KDecoder {
  getEncodedBuffer(length: number): Uint8Array;
  getDecodedBuffer(): Uint8Array;
  decode(): void;
  getFrameInfo(): FrameInfo;
  delete(): void;
}
interface OpenJpegModule { J2KDecoder: new () => J2KDecoder }

let modulePromise: Promise<OpenJpegModule> | null = null;

/** Loads the WASM build once, from the package's own .wasm file. */
export function loadOpenJpeg(): Promise<OpenJpegModule> {
  modulePromise ??= (async () => {
    const require = createRequire(import.meta.url);
    const factory = require('@cornerstonejs/codec-openjpeg/decodewasmjs') as (opts: object) => Promise<OpenJpegModule>;
    // Packaged: the .wasm ships beside the ASAR (extraResources "wasm"); otherwise from the package.
    const resourcesPath = (process as { resourcesPath?: string }).resourcesPath;
    const shipped = resourcesPath ? path.join(resourcesPath, 'wasm', 'openjpegwasm_decode.wasm') : '';
    const wasmBinary = readFileSync(shipped && existsSync(shipped) ? shipped : require.resolve('@cornerstonejs/codec-openjpeg/decodewasm'));
    // print/printErr silence the codec's [INFO] lines.
    return factory({ wasmBinary, print: () => {}, printErr: () => {} });
  })();
  modulePromise.catch(() => { modulePromise = null; });
  return modulePromise;
}

export async function decodeJpeg2000(bytes: Uint8Array): Promise<DecodedPhoto> {
  if (bytes.length > MAX_PHOTO_BYTES) throw photoError('photo too large');
  const header = readJpeg2000Header(bytes);
  const openjpeg = await loadOpenJpeg();
  const decoder = new openjpeg.J2KDecoder();
  try {
    decoder.getEncodedBuffer(bytes.length).set(bytes);
    try {
      decoder.decode();
    } catch {
      throw photoError('decoder failed');
    }
    const info = decoder.getFrameInfo();
    if (info.width !== header.width || info.height !== header.height) throw photoError('decoded size differs from header');
    if (info.bitsPerSample > 8 || info.componentCount < 1 || info.componentCount > 4) throw photoError('unsupported sample format');
    const src = decoder.getDecodedBuffer();
    const n = info.width * info.height;
    const c = info.componentCount;
    if (src.length < n * c) throw photoError('short pixel buffer');
    const rgba = new Uint8Array(n * 4);
    for (let i = 0; i < n; i++) {
      const s = i * c;
      const g = src[s]!;
      rgba[i * 4] = g;
      rgba[i * 4 + 1] = c >= 3 ? src[s + 1]! : g;
      rgba[i * 4 + 2] = c >= 3 ? src[s + 2]! : g;
      rgba[i * 4 + 3] = c === 4 ? src[s + 3]! : c === 2 ? src[s + 1]! : 255;
    }
    return { width: info.width, height: info.height, rgba };
  } finally {
    decoder.delete();
  }
}

export function photoToPngDataUrl(photo: DecodedPhoto): string {
  const png = encodePng({ width: photo.width, height: photo.height, data: photo.rgba, channels: 4, depth: 8 });
  return `data:image/png;base64,${Buffer.from(png).toString('base64')}`;
}
