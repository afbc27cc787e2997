/**
 * The sync service as the host runs it: enrolment with a one-time code (the
 * private key kept in the encrypted store and reused after a restart), the
 * queue:* and sync:* handlers, and the events the queue screen listens to.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventBus } from '../../src/main/events';
import { loadConfig } from '../../src/main/config';
import { SyncService } from '../../src/main/sync/service';
import { storePorts } from '../../src/main/sync/store-adapter';
import { syncHandlers } from '../../src/main/sync/handlers';
import type { Host } from '../../src/main/host';
import { ADMIN, fastEngine, openKiosk, quietLog, removeDir, startCentral, verifyNothingLost, type Central } from './support/harness';

let central: Central;
beforeAll(async () => {
  central = await startCentral();
});
afterAll(() => central.close());

describe('sync service and its channels', () => {
  it('enrols, drains through sync:now, reports the queue, emits events, and keeps its identity across restarts', async () => {
    const kiosk = await openKiosk();
    const config = loadConfig({ dataDir: kiosk.dir, demoPeers: false, mode: 'development' }, {});
    const events = new EventBus();
    const seen: string[] = [];
    events.onAny((name) => void seen.push(name));
    const service = new SyncService({ config, log: quietLog, events, ports: storePorts(kiosk.store), engine: fastEngine });
    const handlers = syncHandlers({ sync: service } as unknown as Host);
    const ctx = { transport: 'test' as const, connectionId: 't' };
    expect(await handlers['queue:status'](undefined, ctx)).toMatchObject({ enrolled: false });
    await expect(service.enrol(central.url, 'WRONGCODE123')).rejects.toMatchObject({ code: 'E_ENROL_BAD_CODE' });

    const { code } = await (await fetch(`${central.url}/v1/admin/enrolment-codes`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' }, body: '{"branchId":"BR-1"}' })).json() as { code: string };
    const { deviceId } = await service.enrol(central.url, code);
    kiosk.capture(4);
    expect((await handlers['queue:status'](undefined, ctx)).depth).toBe(4);
    const after = await handlers['sync:now'](undefined, ctx);
    expect(after).toMatchObject({ enrolled: true, online: true, depth: 0, applied: 4, auditPending: 0, breaker: 'closed', lastError: null });
    expect(seen).toEqual(expect.arrayContaining(['sync:progress', 'queue:changed']));
    expect(await handlers['queue:rejected'](undefined, ctx)).toEqual([]);
    expect(await handlers['queue:retry']({}, ctx)).toEqual({ retried: 0 });
    await service.close();

    // The identity lives in the encrypted store: a new service (kiosk restart) syncs without enrolling again.
    const again = new SyncService({ config, log: quietLog, ports: storePorts(kiosk.store), engine: fastEngine });
    expect(again.credentials()?.deviceId).toBe(deviceId);
    kiosk.capture(2);
    expect(await again.engine.syncNow()).toMatchObject({ depth: 0, applied: 6 });
    await verifyNothingLost(central, kiosk, deviceId);
    await again.close();
    // Revoked: the kiosk keeps its rows and says why.
    await fetch(`${central.url}/v1/admin/devices/${deviceId}/revoke`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN}` } });
    kiosk.capture(1);
    const revoked = await again.engine.syncNow();
    expect(revoked.depth).toBe(1);
    expect(revoked.lastError).toMatch(/401 \(E_AUTH_REVOKED\)/);
    kiosk.close();
    removeDir(kiosk.dir);
  });
});
