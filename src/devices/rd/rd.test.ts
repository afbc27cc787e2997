/** Unit tests of the RD codecs: path sanitising, Interface choice, PidOptions, PidData, error table. */
import { describe, expect, it } from 'vitest';
import { rdErrorText, RD_ERROR_CODES } from './error-codes';
import { sanitizeInterfacePath } from './paths';
import { parsePidData } from './pid-data';
import { buildPidOptionsXml, validatePidOptions } from './pid-options';
import { classifyModality, parseRdService } from './rd-service-doc';

describe('Interface paths', () => {
  it.each([
    ['/rd/capture', '/rd/capture'],
    ['/127.0.0.1:11102/capture', '/capture'],
    ['127.0.0.1:11102/getDeviceInfo', '/getDeviceInfo'],
    ['http://127.0.0.1:11100/rd/info', '/rd/info'],
    ['https://localhost:11100//rd//capture', '/rd/capture'],
    ['rd/capture', '/rd/capture'],
    ['/BISPL/capture?x=1', '/BISPL/capture'],
  ])('%s -> %s', (raw, want) => expect(sanitizeInterfacePath(raw)).toBe(want));

  it.each(['http://10.0.0.5:11100/capture', '/192.168.1.2:11100/capture', 'https://evil.example/rd', '/rd/../../etc', '', '   ', '/a b'])('refuses %j', (raw) => {
    expect(sanitizeInterfacePath(raw)).toBeUndefined();
  });

  it('chooses Interfaces by id, whatever the order and case; falls back when none is usable', () => {
    const a = parseRdService('<RDService status="ready" info="x"><Interface id="capture" path="/c"/><Interface id="DeviceInfo" path="/i"/></RDService>');
    expect(a).toMatchObject({ status: 'READY', interfaces: { capture: '/c', deviceInfo: '/i', fallback: false } });
    const b = parseRdService('<RDService status="WEIRD" info="x"><Interface id="CAPTURE" path="http://10.1.1.1/c"/></RDService>');
    expect(b).toMatchObject({ status: 'NOTREADY', rawStatus: 'WEIRD', interfaces: { capture: '/rd/capture', deviceInfo: '/rd/info', fallback: true } });
    expect(() => parseRdService('<html><body>hi</body></html>')).toThrow(expect.objectContaining({ code: 'E_RD_NOT_RD' }));
  });

  it('classifies modality from info and mi', () => {
    expect(classifyModality('Mantra Authentication Vendor Device Manager')).toBe('finger');
    expect(classifyModality('Vendor Iris RD Service')).toBe('iris');
    expect(classifyModality('Something', 'MIS100V2')).toBe('iris');
    expect(classifyModality('Something')).toBe('unknown');
  });
});

describe('PidOptions builder', () => {
  it('builds the reference shape with defaults', () => {
    const xml = buildPidOptionsXml({ fCount: 1 });
    expect(xml).toContain('<PidOptions ver="1.0">');
    expect(xml).toMatch(/fCount="1" fType="0" iCount="0" iType="0" pCount="0" pType="0" format="0" pidVer="2.0" timeout="15000" otp="" wadh="" posh="UNKNOWN" env="P"/);
  });

  it('escapes custOpts and carries wadh', () => {
    const wadh = 'E0jzJ/P8UopUHAieZn8CKqS4WPMi5ZSYXgfnlfkWjrc=';
    const xml = buildPidOptionsXml({ iCount: 2, wadh, env: 'S', custOpts: { mantrakey: 'a"b<' } });
    expect(xml).toContain(`wadh="${wadh}"`);
    expect(xml).toContain('<Param name="mantrakey" value="a&quot;b&lt;"/>');
  });

  it.each([
    [{ fCount: 11 }, 'fCount'],
    [{ fCount: 1.5 }, 'fCount'],
    [{ iCount: 3 }, 'iCount'],
    [{ fCount: 1, fType: 3 }, 'fType'],
    [{ fCount: 1, format: 2 }, 'format'],
    [{ fCount: 1, timeout: 10 }, 'timeout'],
    [{ fCount: 1, env: 'X' }, 'env'],
    [{ fCount: 1, wadh: 'short' }, 'wadh'],
    [{ fCount: 1, otp: '12ab' }, 'otp'],
    [{ fCount: 2, posh: ['LEFT_INDEX'] }, 'posh'],
    [{ fCount: 2, posh: ['LEFT_INDEX', 'LEFT_INDEX'] }, 'posh'],
    [{ fCount: 2, posh: ['UNKNOWN', 'LEFT_INDEX'] }, 'posh'],
    [{ pCount: 1 }, 'fCount/iCount'],
    [{ fCount: 1, iCount: 1, pCount: 1 }, 'fCount/iCount/pCount'],
    [{ fCount: 1, pidVer: '1.0' }, 'pidVer'],
  ])('refuses %j (field %s)', (input, field) => {
    expect(() => validatePidOptions(input as never)).toThrow(expect.objectContaining({ code: 'E_RD_BAD_OPTIONS', details: { field } }));
  });
});

describe('PidData', () => {
  it('only errCode decides success; an error carries only Resp', () => {
    const p = parsePidData('<PidData><Resp errCode="720" errInfo="Device not ready"/></PidData>');
    expect(p).toMatchObject({ success: false, resp: { errCode: '720', nmPoints: [], qScore: [] } });
    expect(p.deviceInfo).toBeUndefined();
  });

  it('keeps a non-numeric errCode as a string', () => {
    expect(parsePidData('<PidData><Resp errCode="-1307" errInfo=""/></PidData>').resp.errCode).toBe('-1307');
  });

  it('refuses success without the PID block', () => {
    expect(() => parsePidData('<PidData><Resp errCode="0"/></PidData>')).toThrow(expect.objectContaining({ code: 'E_RD_BAD_RESPONSE' }));
  });
});

describe('RD error table', () => {
  it('maps every RD code to English and Hindi, and never uses the Auth table meaning', () => {
    for (const code of RD_ERROR_CODES) {
      const t = rdErrorText(code);
      expect(t.known).toBe(true);
      expect(t.en.length).toBeGreaterThan(5);
      expect(t.hi).toMatch(/[\u0900-\u097F]/);
    }
    expect(rdErrorText('710').meaning).toMatch(/another application/); // Auth 710 would be "missing Pi data"
    expect(rdErrorText('42').known).toBe(false);
  });
});
