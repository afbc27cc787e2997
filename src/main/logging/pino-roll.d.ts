// pino-roll ships no types: the part of its API the kiosk uses.
declare module 'pino-roll' {
  import type { DestinationStream } from 'pino';
  interface PinoRollOptions {
    file: string;
    size?: string | number;
    frequency?: 'daily' | 'hourly' | number;
    extension?: string;
    mkdir?: boolean;
    symlink?: boolean;
    limit?: { count?: number; removeOtherLogFiles?: boolean };
    dateFormat?: string;
    sync?: boolean;
  }
  type RollStream = DestinationStream & {
    flush(cb?: (err?: Error | null) => void): void;
    end(): void;
    flushSync(): void;
    once(event: string, fn: (...args: unknown[]) => void): void;
    on(event: string, fn: (...args: unknown[]) => void): void;
  };
  export default function pinoRoll(options: PinoRollOptions): Promise<RollStream>;
}
