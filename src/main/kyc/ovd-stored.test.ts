import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestHost } from '../../../test/support/host';
import type { ChannelName } from '../../shared/ipc';
import type { Result } from '../../shared/result';
import { KycRecordPayloadSchema } from '../../shared/sync/items';
import { dispatch } from '../dispatch';
import { createHandlers } from '../handlers';
import type { Host } from '../host';

// Issue 5/9 with migration 003: an OVD case is stored as method 'ovd' (not 'xml'), a consent read out to
// the customer as channel 'read_out' (not 'screen_tap'), and the outbox payload passes the sync schema.
describe('kyc cases store their true method and consent channel', () => {
  let host: Host;
  let call: (channel: ChannelName, input?: unknown) => Promise<Result<any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
  const ok = async (channel: ChannelName, input?: unknown) => {
    const r = await call(channel, input);
    if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
    return r.value;
  };

  beforeAll(async () => {
    host = await createTestHost();
    const handlers = createHandlers(host);
    call = (channel, input) => dispatch(handlers, channel, input, { transport: 'test', connectionId: 'sup' });
    await ok('agents:setup', { employeeId: 'SUP-1', name: 'Asha', password: 'supervisor-1', pin: '1111' });
  });
  afterAll(() => host.close());

  async function decidedCase(method: 'alternate-id' | 'secure-qr', channel: 'screen' | 'read-out') {
    const text = await ok('kyc:consent-text', { language: 'ta' });
    const { caseId } = await ok('kyc:start', { language: 'ta' });
    await ok('kyc:consent', { caseId, language: 'ta', version: text.version, channel, items: text.items.map((i: { purpose: string; hash: string }) => ({ purpose: i.purpose, hash: i.hash, granted: true })) });
    await ok('kyc:method', { caseId, method });
    await ok('kyc:identity', { caseId, identity: { name: 'Meena K', maskedId: 'Voter ID ····7788', last4: '7788' }, evidence: { method, summary: 'Document seen by agent', verified: method !== 'alternate-id', verifiedAt: new Date().toISOString() } });
    await ok('kyc:decide', { caseId, decision: { decision: 'refer', note: 'OVD case' } });
    return caseId as string;
  }

  it('an OVD case read out to the customer: method ovd, channel read_out, no Aadhaar last 4, a payload the central API accepts', async () => {
    const caseId = await decidedCase('alternate-id', 'read-out');
    const record = host.store.records.get(caseId)!;
    expect(record).toMatchObject({ method: 'ovd', aadhaarLast4: null, details: expect.objectContaining({ kioskMethod: 'alternate-id' }) });
    const channels = host.store.consents.listForSession(caseId).map((c) => c.channel);
    expect(channels.length).toBeGreaterThan(0);
    expect(new Set(channels)).toEqual(new Set(['read_out']));
    const outbox = host.store.outbox.listForRecord(caseId);
    const payload = KycRecordPayloadSchema.parse(host.store.onboardings.payloadFor(caseId));
    expect(payload.record.method).toBe('ovd');
    expect(outbox).toHaveLength(1);
    // Read back from the row, the case is still the alternate-ID case it was.
    expect((await ok('kyc:referred')).find((c: { caseId: string }) => c.caseId === caseId)).toMatchObject({ method: 'alternate-id' });
  });

  it('an Aadhaar Secure QR case shown on screen keeps qr and screen_tap', async () => {
    const caseId = await decidedCase('secure-qr', 'screen');
    expect(host.store.records.get(caseId)).toMatchObject({ method: 'qr', aadhaarLast4: '7788' });
    expect(new Set(host.store.consents.listForSession(caseId).map((c) => c.channel))).toEqual(new Set(['screen_tap']));
  });
});
