/** Prometheus metrics, one registry per server instance (tests run several). */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface ServerMetrics {
  registry: Registry;
  requestDuration: Histogram<'method' | 'route' | 'status'>;
  itemsIngested: Counter<'kind' | 'outcome'>;
  rejections: Counter<'code'>;
  chainBreaks: Counter<string>;
  /** Batches by writer: one bulk statement, or item by item (a repeated row or a constraint to pin on one item). */
  batchWrites: Counter<'writer'>;
  authFailures: Counter<'code'>;
  deviceLag: Gauge<'device'>;
}

export function createMetrics(options: { defaultMetrics?: boolean } = {}): ServerMetrics {
  const registry = new Registry();
  if (options.defaultMetrics) collectDefaultMetrics({ register: registry, prefix: 'vdex_server_' });
  return {
    registry,
    requestDuration: new Histogram({
      name: 'vdex_http_request_duration_seconds',
      help: 'HTTP request duration by route and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    itemsIngested: new Counter({ name: 'vdex_sync_items_total', help: 'Outbox items received, by kind and outcome', labelNames: ['kind', 'outcome'], registers: [registry] }),
    rejections: new Counter({ name: 'vdex_sync_rejections_total', help: 'Items rejected, by reason code', labelNames: ['code'], registers: [registry] }),
    chainBreaks: new Counter({ name: 'vdex_sync_chain_breaks_total', help: 'Batches refused because a device audit chain did not continue', registers: [registry] }),
    batchWrites: new Counter({ name: 'vdex_sync_batch_writes_total', help: 'Batches written, by writer (bulk statement or item by item)', labelNames: ['writer'], registers: [registry] }),
    authFailures: new Counter({ name: 'vdex_auth_failures_total', help: 'Requests refused with 401, by reason code', labelNames: ['code'], registers: [registry] }),
    deviceLag: new Gauge({ name: 'vdex_sync_device_lag_seconds', help: 'Age of the oldest item in the last batch from each device', labelNames: ['device'], registers: [registry] }),
  };
}
