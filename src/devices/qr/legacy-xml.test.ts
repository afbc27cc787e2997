import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectFormat, normaliseScan } from './detect';
import { fixture } from './fixtures';
import { decodeLegacyXml } from './legacy-xml';

const files = readdirSync(fixture('legacy-xml'));

describe('legacy PrintLetterBarcodeData XML QR', () => {
  it.each(files)('%s: detected, parsed despite its declaration, masked on arrival, flagged unverifiable', (file) => {
    const text = normaliseScan(readFileSync(fixture('legacy-xml', file), 'utf8'));
    expect(detectFormat(text)).toBe('legacy-xml');
    const r = decodeLegacyXml(text);
    expect(r).toMatchObject({ format: 'legacy-xml', verified: false, trust: 'unsigned-not-verifiable' });
    const full = /uid="(\d{12})"/.exec(text)![1]!;
    expect(JSON.stringify(r)).not.toContain(full);
    expect(r.aadhaarMasked).toBe(`XXXX XXXX ${full.slice(-4)}`);
    expect(r.fields.name.length).toBeGreaterThan(0);
  });

  it('checks the number before masking: 987098654123 passes Verhoeff, 123456789012 does not', () => {
    expect(decodeLegacyXml(readFileSync(fixture('legacy-xml', 'dimagi-printletter-bad-decl-prefix.xml'), 'utf8')).aadhaarValid).toBe(true);
    expect(decodeLegacyXml(readFileSync(fixture('legacy-xml', 'dimagi-printletter-full.xml'), 'utf8')).aadhaarValid).toBe(false);
  });

  it('reads the fields: lm="null" becomes empty, missing dob stays empty', () => {
    const r = decodeLegacyXml(readFileSync(fixture('legacy-xml', 'dimagi-printletter-no-dob.xml'), 'utf8'));
    expect(r.fields).toMatchObject({ name: 'Mockit', gender: 'MALE', yob: '1989', landmark: '', dob: '', state: 'Rajasthan', pincode: '345234' });
  });

  it('refuses DOCTYPE/entities and malformed XML with E_QR_XML', () => {
    const bomb = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><PrintLetterBarcodeData uid="&a;"/>';
    expect(() => decodeLegacyXml(bomb)).toThrow(expect.objectContaining({ code: 'E_QR_XML' }));
    expect(() => decodeLegacyXml('<PrintLetterBarcodeData uid="1234')).toThrow(expect.objectContaining({ code: 'E_QR_XML' }));
  });

  it('reads a signed QDA QR as unverifiable, keeping only the last 4 digits', () => {
    const r = decodeLegacyXml('<QDA n="Test Name" u="xxxxxxxx9545" g="M" d="01-01-1990" a="Some address" s="AAAA"/>');
    expect(r).toMatchObject({ format: 'signed-xml-qr', aadhaarLast4: '9545', aadhaarMasked: 'XXXX XXXX 9545', verified: false });
  });

  it('detects the formats from the text alone', () => {
    expect(detectFormat(normaliseScan(']Q1123456\r\n'))).toBe('secure-qr');
    expect(detectFormat('234123412346')).toBe('aadhaar-number');
    expect(detectFormat('<QPDB n="x"/>')).toBe('signed-xml-qr');
    expect(detectFormat('hello')).toBe('unknown');
  });
});
