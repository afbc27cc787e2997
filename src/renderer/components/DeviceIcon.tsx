/** Pictures of each device kind for the status panel (inline SVG: no network, no image files). */
export type DeviceKind = 'fingerprint' | 'iris' | 'qr-scanner' | 'camera' | 'printer' | 'network';

const paths: Record<DeviceKind, string> = {
  fingerprint: 'M12 3a7 7 0 0 0-7 7v3M19 13v-3a7 7 0 0 0-3-5.7M9 21c1-2 1.5-4 1.5-7a1.5 1.5 0 0 1 3 0c0 3-.5 5-1.5 7M6 19c1-1.5 1.5-3.5 1.5-6a4.5 4.5 0 0 1 9 0c0 2-.2 3.5-.7 5',
  iris: 'M2 12s4-7 10-7 10 7 10 7-4 7-10 7S2 12 2 12zM12 9a3 3 0 1 0 0 6 3 3 0 0 0 0-6z',
  'qr-scanner': 'M3 3h6v6H3zM15 3h6v6h-6zM3 15h6v6H3zM15 15h2v2h-2zM19 19h2v2h-2zM15 19h2v2h-2zM19 15h2v2h-2z',
  camera: 'M4 7h3l2-3h6l2 3h3v12H4zM12 10a3.5 3.5 0 1 0 0 7 3.5 3.5 0 0 0 0-7z',
  printer: 'M6 9V3h12v6M6 18H4v-7h16v7h-2M7 14h10v7H7z',
  network: 'M2 9a15 15 0 0 1 20 0M5 12.5a10 10 0 0 1 14 0M8.5 16a5 5 0 0 1 7 0M12 19.5h.01',
};

export function DeviceIcon({ kind, label }: { kind: DeviceKind; label: string }) {
  return (
    <svg className="device-icon" viewBox="0 0 24 24" width="48" height="48" role="img" aria-label={label}>
      <path d={paths[kind]} fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
