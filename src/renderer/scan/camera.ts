/**
 * Camera scanning with @zxing/library (bundled; no CDN). TRY_HARDER and a high
 * capture resolution, since Secure QRs are dense (version 26-30). Camera access is
 * granted to our own origin only by the Electron permission handler.
 */
import { BarcodeFormat, BrowserQRCodeReader, DecodeHintType, NotFoundException } from '@zxing/library';

export interface CameraScan {
  /** Stops the camera and the decoding loop. */
  stop(): void;
}

/** Starts decoding from the camera into `video`; `onText` is called once per distinct QR read. */
export async function startCameraScan(video: HTMLVideoElement, onText: (text: string) => void, onError?: (message: string) => void): Promise<CameraScan> {
  const hints = new Map<DecodeHintType, unknown>([
    [DecodeHintType.TRY_HARDER, true],
    [DecodeHintType.POSSIBLE_FORMATS, [BarcodeFormat.QR_CODE]],
  ]);
  const reader = new BrowserQRCodeReader(150);
  reader.hints = hints;
  let lastText = '';
  await reader.decodeFromConstraints(
    { video: { facingMode: 'environment', width: { ideal: 1920 }, height: { ideal: 1080 } }, audio: false },
    video,
    (result, error) => {
      if (result) {
        const text = result.getText();
        if (text !== lastText) {
          lastText = text;
          onText(text);
        }
      } else if (error && !(error instanceof NotFoundException)) {
        onError?.(error.name);
      }
    },
  );
  return { stop: () => reader.reset() };
}
