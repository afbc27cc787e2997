/** Hardware scanner inputs (serial, HID POS, USB hot-plug). The wedge and camera live in src/renderer/scan. */
export { FrameAssembler, type Terminator, type FrameEvent } from './frame-assembler';
export { decodeHidPosReport, encodeHidPosReports, HidPosAssembler, HID_POS_USAGE_PAGE } from './hid-pos';
export { HidPosScanner, listHidPosDevices, type HidPosDeviceInfo } from './hid';
export { SerialScanner, listSerialPorts, type SerialScannerOptions, type ScanFromDevice } from './serial';
export { UsbHotplug, type UsbChange, type UsbLoader, type WebUsbLike } from './usb-hotplug';
export { SerialPortWatch, listMatching, isWatchGlob, DEFAULT_SERIAL_WATCH, type SerialPortChange, type SerialWatchOptions } from './serial-watch';
export { ScannerHub, type ScannerHubOptions } from './hub';
