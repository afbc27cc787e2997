/**
 * The central API's own view of /v1/sync/batch latency, from its Prometheus
 * histogram: the time from request to answer inside the server, without the
 * simulated kiosks' event loop (200 kiosks share one process here) or the
 * client-side queueing that the client-side percentiles include.
 */
const BUCKET = /^vdex_http_request_duration_seconds_bucket\{([^}]*)\} (\S+)$/gm;

/** Cumulative request counts by upper bound (seconds) for sync batches, all statuses. */
export async function batchLatencyBuckets(url: string, adminToken: string): Promise<Map<number, number>> {
  const text = await (await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${adminToken}` } })).text();
  const out = new Map<number, number>();
  for (const m of text.matchAll(BUCKET)) {
    const labels = m[1]!;
    if (!labels.includes('route="/v1/sync/batch"')) continue;
    const le = /le="([^"]+)"/.exec(labels)?.[1];
    const bound = le === '+Inf' ? Number.POSITIVE_INFINITY : Number(le);
    out.set(bound, (out.get(bound) ?? 0) + Number(m[2]));
  }
  return out;
}

/** Between two snapshots: the share of requests answered within `limitS`, and the p99 as a bucket bound. */
export function summarise(before: Map<number, number>, after: Map<number, number>, limitS: number): { within: number; p99Bound: number; count: number } {
  const bounds = [...after.keys()].sort((a, b) => a - b);
  const cum = bounds.map((b) => (after.get(b) ?? 0) - (before.get(b) ?? 0));
  const count = cum[cum.length - 1] ?? 0;
  const at = (limit: number) => cum[bounds.findIndex((b) => b >= limit)] ?? count;
  const p99Bound = bounds[cum.findIndex((c) => c >= 0.99 * count)] ?? Number.POSITIVE_INFINITY;
  return { within: count ? at(limitS) / count : 0, p99Bound, count };
}
