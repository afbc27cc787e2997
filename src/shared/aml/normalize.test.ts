import { describe, expect, it } from 'vitest';
import { devanagariToLatin } from './devanagari';
import { foldToken, parseName } from './normalize';

const keys = (s: string): string[][] => parseName(s).variants.map((v) => v.tokens.map((t) => t.key));

describe('name normalisation, rule by rule', () => {
  it('folds case and strips diacritics', () => {
    expect(parseName('ESTÊVÃO Ñández').variants[0]!.tokens.map((t) => t.raw)).toEqual(['estevao', 'nandez']);
  });
  it('unifies Mohammed / Mohammad / Muhammad / Mohamed and expands Md / Mohd', () => {
    const forms = ['Mohammed', 'Mohammad', 'Muhammad', 'Mohamed', 'Md', 'Mohd', 'Md.', 'MUHD'];
    const folded = new Set(forms.map((f) => keys(f)[0]![0]));
    expect(folded.size).toBe(1);
    expect(keys('Mahmud')[0]![0]).not.toBe(keys('Mohammed')[0]![0]);
  });
  it('folds V/W and Y/J at the start', () => {
    expect(foldToken('wasim')).toBe(foldToken('vasim'));
    expect(foldToken('yusuf')).toBe(foldToken('jusuf'));
    expect(foldToken('vijay')).toBe(foldToken('vijai'));
  });
  it('folds aspirates, long vowels, doubled letters and the trailing schwa', () => {
    expect(foldToken('rohith')).toBe(foldToken('rohit'));
    expect(foldToken('suneel')).toBe(foldToken('sunil'));
    expect(foldToken('seetha')).toBe(foldToken('sita'));
    expect(foldToken('ramesha')).toBe(foldToken('ramesh'));
    expect(foldToken('laxmi')).toBe(foldToken('lakshmi'));
    expect(foldToken('hussain')).toBe(foldToken('hossain'));
    expect(foldToken('chowdhury')).toBe(foldToken('chaudhary'));
    expect(foldToken('sreenivas')).toBe(foldToken('srinivas'));
  });
  it('drops honorifics Shri, Smt, Kumari, Dr, Late and reports them', () => {
    for (const h of ['Shri', 'Smt.', 'Kumari', 'Dr', 'Late']) {
      const p = parseName(`${h} Ramesh Gupta`);
      expect(p.variants[0]!.tokens.map((t) => t.raw)).toEqual(['ramesh', 'gupta']);
      expect(p.droppedHonorifics).toHaveLength(1);
    }
  });
  it('keeps religious titles as low-weight name parts', () => {
    const t = parseName('Hafiz Muhammad Saeed').variants[0]!.tokens;
    expect(t[0]).toMatchObject({ raw: 'hafiz', title: true });
  });
  it('cuts relation parts S/O, D/O, W/O, C/O off the name and keeps them apart', () => {
    for (const [m, marker] of [['S/O', 'S/O'], ['D/O', 'D/O'], ['W/O', 'W/O'], ['C/O', 'C/O'], ['son of', 'S/O']] as const) {
      const p = parseName(`Rajesh Kumar ${m} Ram Lal`);
      expect(keys(`Rajesh Kumar ${m} Ram Lal`)).toEqual([['rajes', 'kumar']]);
      expect(p.relation).toEqual({ marker, name: 'ram lal' });
    }
  });
  it("splits '@' aliases into alternative names", () => {
    const p = parseName('Harwinder Singh Sandhu @ Rinda');
    expect(p.variants.map((v) => v.display)).toEqual(['harwinder singh sandhu', 'rinda']);
    expect(parseName('Dawood Ibrahim alias Daud').variants).toHaveLength(2);
  });
  it('marks single letters as initials', () => {
    const t = parseName('R. Karthik').variants[0]!.tokens;
    expect(t[0]).toMatchObject({ raw: 'r', initial: true });
    expect(t[1]!.initial).toBe(false);
  });
  it('transliterates Devanagari with schwa deletion', () => {
    expect(devanagariToLatin('राजेश')).toBe('raajesh');
    expect(foldToken(parseName('राजेश थापा').variants[0]!.tokens[0]!.raw)).toBe(foldToken('rajesh'));
    expect(devanagariToLatin('सलमान')).toBe('salmaan');
  });
  it('reads "SURNAME, Given" as the same tokens', () => {
    expect(new Set(keys('KASKAR, Dawood Ibrahim')[0])).toEqual(new Set(keys('Dawood Ibrahim Kaskar')[0]));
  });
});
