/**
 * A CDC-ACM (USB virtual COM) or RS-232 scanner through `serialport`: baud rate,
 * terminator and inter-character timeout configurable; each reassembled frame is
 * one scan.
 */
import { EventEmitter } from 'node:events';
import { SerialPort } from 'serialport';
import { KioskError } from '../../shared/errors';
import { FrameAssembler, type Terminator } from './frame-assembler';

export interface SerialScannerOptions {
  path: string;
  baudRate?: number;
  terminator?: Terminator;
  interCharTimeoutMs?: number;
}

export interface ScanFromDevice {
  source: 'serial' | 'hid';
  device: string;
  text: string;
  receivedAt: Date;
}

export type SerialScannerState = 'idle' | 'listening' | 'error';

/** Emits 'scan' (ScanFromDevice), 'overflow' ({ bytes }), 'error' (KioskError), 'close'. */
export class SerialScanner extends EventEmitter {
  private port: SerialPort | null = null;
  private assembler: FrameAssembler;
  state: SerialScannerState = 'idle';
  lastError: string | undefined;

  constructor(readonly options: SerialScannerOptions) {
    super();
    this.assembler = new FrameAssembler(
      { terminator: options.terminator ?? 'cr', interCharTimeoutMs: options.interCharTimeoutMs ?? 80 },
      (e) => {
        if (e.kind === 'frame') this.emit('scan', { source: 'serial', device: options.path, text: e.text, receivedAt: new Date() } satisfies ScanFromDevice);
        else this.emit('overflow', { bytes: e.bytes });
      },
    );
  }

  async open(): Promise<void> {
    const port = new SerialPort({ path: this.options.path, baudRate: this.options.baudRate ?? 9600, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve()))).catch((err: unknown) => {
      this.state = 'error';
      this.lastError = err instanceof Error ? err.message : String(err);
      throw new KioskError('E_SCANNER_OPEN', `The serial scanner at ${this.options.path} could not be opened.`, { path: this.options.path });
    });
    this.port = port;
    this.state = 'listening';
    port.on('data', (chunk: Buffer) => this.assembler.push(chunk));
    port.on('error', (err: Error) => {
      this.state = 'error';
      this.lastError = err.message;
      this.emit('error', new KioskError('E_SCANNER_IO', `The serial scanner at ${this.options.path} reported an error.`, { path: this.options.path }));
    });
    port.on('close', () => {
      this.assembler.close();
      if (this.state === 'listening') this.state = 'idle';
      this.emit('close');
    });
  }

  async close(): Promise<void> {
    const port = this.port;
    this.port = null;
    this.assembler.close();
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
    this.state = 'idle';
  }
}

export async function listSerialPorts(): Promise<Array<{ path: string; manufacturer?: string; vendorId?: string; productId?: string }>> {
  try {
    const ports = await SerialPort.list();
    return ports.map((p) => ({
      path: p.path,
      ...(p.manufacturer ? { manufacturer: p.manufacturer } : {}),
      ...(p.vendorId ? { vendorId: p.vendorId } : {}),
      ...(p.productId ? { productId: p.productId } : {}),
    }));
  } catch {
    return [];
  }
}
