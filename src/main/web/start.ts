/** `npm run start:web`: the kiosk in browser mode on 127.0.0.1. Prints the URL to open. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../config';
import { createHandlers } from '../handlers';
import { createHost, type HostOptions } from '../host';
import { startWebServer } from './server';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** `host`: extra host options (tests pass in-process demo peers, a file logger, private RD ports). */
export async function startBrowserMode(options: { port?: number; rendererDir?: string; host?: Omit<HostOptions, 'config' | 'runtime'> } = {}) {
  const config = loadConfig();
  const host = await createHost({ ...options.host, config, runtime: 'web' });
  const server = await startWebServer({
    host,
    handlers: createHandlers(host),
    rendererDir: options.rendererDir ?? path.join(root, 'out/renderer'),
    port: options.port,
  });
  return {
    host,
    server,
    async close() {
      await server.close();
      await host.close();
    },
  };
}
