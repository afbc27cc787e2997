/**
 * Scanning in the renderer, for the eKYC flow:
 *   useScans({ onScan, onRescan }, { enabled })  - wedge + serial/HID (qr:scanned), one stream
 *   useCameraScan(videoRef, onScan, active)       - camera (zxing, loaded when first opened), same Scan type
 *   verifyScan(scan, { mobile?, email? })          - qr:verify for any Scan
 *   WedgeDetector                                  - the pure burst detector (tested on its own)
 */
export { useCameraScan, useScans, verifyScan, type Scan, type ScanHandlers } from './useScans';
// camera.ts is loaded on demand by useCameraScan (dynamic import): no static re-export here.
export type { CameraScan } from './camera';
export { DEFAULT_WEDGE_OPTIONS, WedgeDetector, type WedgeOptions, type WedgeStep } from './wedge-detector';
