/**
 * The home screen's device panel, driven by the device domains' own channels and
 * push events (never by guessed health names):
 *   fingerprint / iris - `rd:discover`, then `devices:changed`;
 *   QR scanner         - `scanners:status`, re-read on `scanners:changed`;
 *   camera             - the browser's own device list (the camera lives in the renderer);
 *   central server     - `queue:status`, then `queue:changed`.
 */
import { useEffect, useState } from 'react';
import type { QueueStatus } from '../../shared/ipc/sync';
import type { ScannersStatus } from '../../shared/ipc/qr';
import type { RdDevice } from '../../shared/ipc/rd';
import { kiosk } from '../bridge';
import type { DeviceKind } from '../components/DeviceIcon';

export type PanelStatus = 'up' | 'degraded' | 'down' | 'unknown';
export interface PanelEntry {
  kind: DeviceKind;
  status: PanelStatus;
  /** Plain facts: how many, which, why not. */
  detail: string | null;
}

function biometric(devices: RdDevice[] | null, modality: 'finger' | 'iris'): Omit<PanelEntry, 'kind'> {
  if (devices === null) return { status: 'unknown', detail: null };
  const mine = devices.filter((d) => d.modality === modality);
  if (mine.length === 0) return { status: 'unknown', detail: null };
  const ready = mine.filter((d) => d.status === 'READY' && d.certificate?.expired !== true);
  const names = mine.map((d) => `${d.device?.mi ?? d.info} (${d.status})`).join(', ');
  return { status: ready.length === mine.length ? 'up' : ready.length > 0 ? 'degraded' : 'down', detail: names };
}

function scanner(s: ScannersStatus | null): Omit<PanelEntry, 'kind'> {
  if (!s) return { status: 'unknown', detail: null };
  const listening = s.sources.filter((x) => x.state === 'listening');
  const failing = s.sources.filter((x) => x.state === 'error');
  const attached = s.serialPorts.length + s.hidPosDevices.length;
  const detail = `${listening.length} listening · ${attached} attached`;
  // A keyboard-wedge scanner needs no driver, so no attached device is still a working kiosk.
  return { status: failing.length > 0 ? 'degraded' : listening.length > 0 ? 'up' : 'unknown', detail };
}

function network(q: QueueStatus | null): Omit<PanelEntry, 'kind'> {
  if (!q) return { status: 'unknown', detail: null };
  const detail = `${q.depth} queued · ${q.rejected} rejected`;
  if (!q.enrolled) return { status: 'degraded', detail: `not enrolled · ${detail}` };
  if (q.breaker === 'open' || q.breaker === 'isolated') return { status: 'down', detail: `${q.lastError ?? 'unreachable'} · ${detail}` };
  // Enrolled with a closed breaker: reachable, or simply not tried yet (nothing to send).
  return { status: q.lastError && !q.online ? 'degraded' : 'up', detail };
}

export function useDevicePanel(): PanelEntry[] {
  const [rd, setRd] = useState<RdDevice[] | null>(null);
  const [scanners, setScanners] = useState<ScannersStatus | null>(null);
  const [queue, setQueue] = useState<QueueStatus | null>(null);
  const [cameras, setCameras] = useState<number | null>(null);

  useEffect(() => {
    let live = true;
    const readScanners = () => void kiosk['scanners:status']().then((r) => live && r.ok && setScanners(r.value));
    void kiosk['rd:discover']().then((r) => live && r.ok && setRd(r.value.devices));
    readScanners();
    void kiosk['queue:status']().then((r) => live && r.ok && setQueue(r.value));
    void navigator.mediaDevices?.enumerateDevices().then((d) => live && setCameras(d.filter((x) => x.kind === 'videoinput').length)).catch(() => undefined);
    const offs = [
      kiosk.on('devices:changed', (e) => setRd(e.devices)),
      kiosk.on('scanners:changed', readScanners),
      kiosk.on('queue:changed', (q) => setQueue(q)),
    ];
    return () => {
      live = false;
      offs.forEach((off) => off());
    };
  }, []);

  return [
    { kind: 'fingerprint', ...biometric(rd, 'finger') },
    { kind: 'iris', ...biometric(rd, 'iris') },
    { kind: 'qr-scanner', ...scanner(scanners) },
    { kind: 'camera', status: cameras === null || cameras === 0 ? 'unknown' : 'up', detail: cameras ? `${cameras}` : null },
    { kind: 'network', ...network(queue) },
  ];
}
