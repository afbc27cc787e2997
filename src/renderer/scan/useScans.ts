/**
 * React hooks over every scan source. `useScans(onScan, options)` gives one
 * stream of `Scan` values, whatever produced them:
 *   - keyboard wedge: keys captured at the window (capture phase) by WedgeDetector;
 *     scan keystrokes never reach a text field (the few that passed before the
 *     burst was recognised are taken back out of the focused field);
 *   - serial / HID POS scanners: the `qr:scanned` push event (content stays in main);
 *   - camera: `useCameraScan(videoRef, onScan, active)`; the zxing decoder (~400 KB)
 *     is fetched only when a camera is opened, so it stays off the login path.
 * Then `verifyScan(scan, extras)` calls `qr:verify` with the right input.
 */
import { useEffect, useRef, type RefObject } from 'react';
import { kiosk } from '../bridge';
import type { ChannelOutput } from '../../shared/ipc';
import type { Result } from '../../shared/result';
import { DEFAULT_WEDGE_OPTIONS, WedgeDetector, type WedgeOptions } from './wedge-detector';

export type Scan =
  | { source: 'wedge' | 'camera'; text: string }
  | { source: 'serial' | 'hid' | 'cli'; scanId: string };

export interface ScanHandlers {
  onScan(scan: Scan): void;
  /** A wedge burst broke off (dropped characters): show "please scan again". */
  onRescan?(): void;
}

export function verifyScan(scan: Scan, extras: { mobile?: string; email?: string } = {}): Promise<Result<ChannelOutput<'qr:verify'>>> {
  return 'text' in scan ? kiosk['qr:verify']({ text: scan.text, source: scan.source, ...extras }) : kiosk['qr:verify']({ scanId: scan.scanId, ...extras });
}

/** Removes the characters a burst typed into a field before it was recognised. */
function takeBackLeaked(target: EventTarget | null, leaked: string): void {
  if (!(target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement)) return;
  const end = target.selectionStart ?? target.value.length;
  if (target.value.slice(0, end).endsWith(leaked)) {
    target.value = target.value.slice(0, end - leaked.length) + target.value.slice(end);
    target.dispatchEvent(new Event('input', { bubbles: true }));
  }
}

export function useScans(handlers: ScanHandlers, options: { enabled?: boolean; wedge?: Partial<WedgeOptions> } = {}): void {
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });
  const enabled = options.enabled ?? true;
  const { maxGapMs, confirmAfter, idleMs } = { ...DEFAULT_WEDGE_OPTIONS, ...options.wedge };

  useEffect(() => {
    if (!enabled) return;
    const detector = new WedgeDetector({ maxGapMs, confirmAfter, idleMs });
    const onKeyDown = (e: KeyboardEvent) => {
      const step = detector.key(e.key, e.timeStamp);
      if (step.action === 'pass') return;
      e.preventDefault();
      e.stopPropagation();
      if (step.action === 'swallow' && step.leaked) takeBackLeaked(e.target, step.leaked);
      if (step.action === 'scan') latest.current.onScan({ source: 'wedge', text: step.text });
      if (step.action === 'rescan') latest.current.onRescan?.();
    };
    const timer = window.setInterval(() => {
      if (detector.tick(performance.now())?.action === 'rescan') latest.current.onRescan?.();
    }, 100);
    window.addEventListener('keydown', onKeyDown, { capture: true });
    const off = kiosk.on('qr:scanned', (e) => {
      if (e.source === 'serial' || e.source === 'hid' || e.source === 'cli') latest.current.onScan({ source: e.source, scanId: e.scanId });
    });
    return () => {
      window.removeEventListener('keydown', onKeyDown, { capture: true });
      window.clearInterval(timer);
      off();
    };
  }, [enabled, maxGapMs, confirmAfter, idleMs]);
}

/** Camera scanning into a <video> while `active`; each distinct QR read becomes a `camera` scan. */
export function useCameraScan(video: RefObject<HTMLVideoElement | null>, onScan: (scan: Scan) => void, active: boolean, onError?: (message: string) => void): void {
  const latest = useRef({ onScan, onError });
  useEffect(() => {
    latest.current = { onScan, onError };
  });
  useEffect(() => {
    const el = video.current;
    if (!active || !el) return;
    let stop: (() => void) | null = null;
    let cancelled = false;
    import('./camera')
      .then(({ startCameraScan }) => (cancelled ? null : startCameraScan(el, (text) => latest.current.onScan({ source: 'camera', text }), (m) => latest.current.onError?.(m))))
      .then((s) => s && (cancelled ? s.stop() : (stop = s.stop)))
      .catch(() => latest.current.onError?.('camera unavailable'));
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [video, active]);
}
