/** Property tests: random and mutated XML into every RD parser gives a value or a typed KioskError, never a crash or a hang. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KioskError } from '../../shared/errors';
import { parseDeviceInfo } from './device-info';
import { sanitizeInterfacePath } from './paths';
import { parsePidData } from './pid-data';
import { validatePidOptions } from './pid-options';
import { verifyPidBlock } from './pid/verify';
import { parseRdService } from './rd-service-doc';

const RDSERVICE = `<?xml version="1.0"?><RDService status="READY" info="Vendor Fingerprint Device Manager"><Interface id="DEVICEINFO" path="/rd/info"/><Interface id="CAPTURE" path="/127.0.0.1:11101/capture"/></RDService>`;
const DEVICEINFO = `<DeviceInfo dpId="X.Y" rdsId="X.WIN.001" rdsVer="1.0.1" dc="6f1c2d4e-0b8a-4c3e-9a51-2f7d0e9b1c44" mi="M1" mc="MIIBIjAN"><additional_info><Param name="srno" value="1"/><Param name="ts" value="2026-01-01T10:00:00+05:30"/></additional_info></DeviceInfo>`;
const PIDDATA = `<PidData xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><Resp errCode="0" errInfo="Success." fCount="2" fType="0" iCount="0" iType="0" pCount="0" pType="0" nmPoints="41,38" qScore="77,70"/>${DEVICEINFO}<Skey ci="20301231">QUJD\nREVG</Skey><Hmac>SE1BQw==</Hmac><Data type="X">MjAyNi0wMS0wMVQxMDowMDowMA==</Data></PidData>`;

function typedOnly(fn: () => unknown) {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(KioskError);
    expect((e as KioskError).code).toMatch(/^E_RD_[A-Z_]+$/);
  }
}

/** Random edits of a valid document: delete, duplicate, insert markup characters, truncate. */
const mutated = (doc: string) =>
  fc.array(fc.tuple(fc.nat(doc.length), fc.nat(20), fc.constantFrom('', '<', '>', '"', "'", '/', '&', '&amp;', '<a>', '</', '=', ' x="1"', '\u0000', 'é', '\n')), { minLength: 1, maxLength: 6 })
    .map((edits) => edits.reduce((s, [at, del, ins]) => s.slice(0, at) + ins + s.slice(Math.min(s.length, at + del)), doc));

const params = { numRuns: 300 };

describe('parsers never crash', () => {
  it('the unmutated samples parse', () => {
    expect(parseRdService(RDSERVICE).interfaces).toEqual({ capture: '/capture', deviceInfo: '/rd/info', fallback: false });
    expect(parseDeviceInfo(DEVICEINFO).additionalInfo.srno).toBe('1');
    const p = parsePidData(PIDDATA);
    expect(p.success).toBe(true);
    expect(p.resp.nmPoints).toEqual([41, 38]);
    expect(p.skey?.value).toBe('QUJDREVG');
  });

  for (const [name, doc, parse] of [
    ['RDService', RDSERVICE, parseRdService],
    ['DeviceInfo', DEVICEINFO, parseDeviceInfo],
    ['PidData', PIDDATA, parsePidData],
  ] as const) {
    it(`${name}: mutated documents give a value or a typed error`, () => {
      fc.assert(fc.property(mutated(doc), (s) => typedOnly(() => parse(s))), params);
    });
    it(`${name}: random strings and random XML-ish text give a value or a typed error`, () => {
      fc.assert(fc.property(fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: fc.constantFrom('<', '>', '/', '=', '"', 'a', ' ', 'PidData', 'Resp', 'errCode', '!--', '?', '[CDATA[', ']]>'), maxLength: 80 })), (s) => typedOnly(() => parse(s))), params);
    });
  }

  it('a deeply nested or huge document is refused quickly', () => {
    const t0 = Date.now();
    typedOnly(() => parsePidData('<a>'.repeat(50_000)));
    typedOnly(() => parsePidData(`<PidData><Resp errCode="0" errInfo="${'x'.repeat(3_000_000)}"/></PidData>`));
    expect(Date.now() - t0).toBeLessThan(5000);
  });

  it('sanitizeInterfacePath returns a loopback origin-form path or undefined', () => {
    fc.assert(fc.property(fc.string({ maxLength: 80 }), (s) => {
      const p = sanitizeInterfacePath(s);
      if (p !== undefined) {
        expect(p.startsWith('/')).toBe(true);
        expect(p).not.toMatch(/\/\/|\s|\.\./);
      }
    }), params);
  });

  it('validatePidOptions accepts or throws E_RD_BAD_OPTIONS for any input', () => {
    fc.assert(fc.property(fc.anything(), (x) => typedOnly(() => validatePidOptions(x as never))), params);
  });

  it('the verifier never throws on mutated PidData', () => {
    fc.assert(fc.property(mutated(PIDDATA), (s) => {
      const r = verifyPidBlock({ pidData: s, privateKeyPem: 'not a key' });
      expect(r.ok).toBe(false);
    }), { numRuns: 100 });
  });
});
