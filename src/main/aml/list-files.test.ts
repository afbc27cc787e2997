import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { fixtureListsDir } from '../../../bench/aml-fixtures';
import { parseOfacXml } from '../../shared/aml/lists/ofac-xml';
import { splitPublishedName } from '../../shared/aml/lists/uapa-csv';
import { loadListsFromDirs } from './list-files';

describe('list loaders on the real files', () => {
  const lists = loadListsFromDirs([fixtureListsDir()]);
  const byId = new Map(lists.entities.map((e) => [e.id, e]));

  it('reads OFAC sdn.csv (0x1A end byte, -0- nulls, ] [ programs, quoted weak AKAs) joined with the 2025 aliases', () => {
    const ofac = lists.sources.find((s) => s.list === 'OFAC')!;
    expect(ofac.entities).toBe(14965);
    expect(lists.entities.filter((e) => e.list === 'OFAC' && e.kind === 'person')).toHaveLength(6854);
    const bnc = byId.get('OFAC:306')!;
    expect(bnc.names).toEqual(expect.arrayContaining([{ name: 'BANCO NACIONAL DE CUBA', kind: 'primary' }, { name: 'BNC', kind: 'weak' }, { name: 'NATIONAL BANK OF CUBA', kind: 'aka' }]));
    expect(lists.entities.some((e) => e.programs.length > 1)).toBe(true);
    expect(lists.entities.every((e) => e.programs.every((p) => !p.includes('[') && !p.includes(']')))).toBe(true);
    expect(lists.danglingAliases).toBeGreaterThan(0);
    const abbas = byId.get('OFAC:2674')!;
    expect(abbas.dob).toEqual([{ year: 1948, month: 12, day: 10 }]);
  });

  it('reads the UN consolidated XML: individuals, entities, BETWEEN dates, empty aliases skipped', () => {
    const un = lists.entities.filter((e) => e.list === 'UN');
    expect(un.filter((e) => e.kind === 'person')).toHaveLength(730);
    expect(un.filter((e) => e.kind === 'organisation')).toHaveLength(273);
    const dawood = byId.get('UN:QDi.135')!;
    expect(dawood.countries).toContain('IN');
    expect(dawood.dob).toContainEqual({ year: 1955, month: 12, day: 26 });
    expect(dawood.names.map((n) => n.name)).toContain('Dawood Ebrahim');
    expect(un.some((e) => e.dob.some((d) => d.fromYear !== undefined))).toBe(true);
    expect(un.every((e) => e.names.every((n) => n.name.trim().length > 0))).toBe(true);
    expect(lists.sources.find((s) => s.list === 'UN')!.version).toBe('2026-02-27T00:00:09.554Z');
  });

  it('reads the MHA UAPA CSV and splits "/" and "@" aliases', () => {
    expect(lists.entities.filter((e) => e.list === 'UAPA')).toHaveLength(39);
    expect(splitPublishedName('Lashkar-E-Taiba/Pasban-E-Ahle Hadis')).toEqual(['Lashkar-E-Taiba', 'Pasban-E-Ahle Hadis']);
    expect(splitPublishedName('Harkat-Ul-Mujahideen and all its manifestations')).toEqual(['Harkat-Ul-Mujahideen']);
  });

  it('reads pep.csv and plain or gzipped files by published name', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'vdex-pep-'));
    writeFileSync(path.join(dir, 'pep.csv.gz'), gzipSync('id,name,aliases,position,country,date_of_birth\nP1,Jane Minister,J. Minister;Jane M,Minister of Finance,United Arab Emirates,1960-02-03\n'));
    const r = loadListsFromDirs([dir]);
    expect(r.entities[0]).toMatchObject({ id: 'PEP:P1', list: 'PEP', position: 'Minister of Finance', pepCountry: 'AE', countries: ['AE'], dob: [{ year: 1960, month: 2, day: 3 }] });
    expect(r.entities[0]!.names).toHaveLength(3);
    expect(() => loadListsFromDirs([mkdtempSync(path.join(os.tmpdir(), 'vdex-empty-'))])).toThrow(/No list files/);
  });

  it('reads the sdn.xml form (namespace-free; a hand-made sample, no real sdn.xml is among the fixtures)', () => {
    const xml = `<?xml version="1.0"?><sdnList xmlns="https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/XML">
      <publshInformation><Publish_Date>05/03/2024</Publish_Date><Record_Count>1</Record_Count></publshInformation>
      <sdnEntry><uid>2674</uid><firstName>Abu</firstName><lastName>ABBAS</lastName><sdnType>Individual</sdnType>
        <programList><program>SDGT</program></programList>
        <akaList><aka><uid>1</uid><type>a.k.a.</type><category>weak</category><lastName>ABUL ABBAS</lastName></aka></akaList>
        <dateOfBirthList><dateOfBirthItem><uid>2</uid><dateOfBirth>10 Dec 1948</dateOfBirth><mainEntry>true</mainEntry></dateOfBirthItem></dateOfBirthList>
        <nationalityList><nationality><uid>3</uid><country>Iraq</country></nationality></nationalityList>
      </sdnEntry></sdnList>`;
    const r = parseOfacXml(xml);
    expect(r.publishDate).toBe('2024-05-03');
    expect(r.entities[0]).toMatchObject({ id: 'OFAC:2674', kind: 'person', programs: ['SDGT'], countries: ['IQ'], dob: [{ year: 1948, month: 12, day: 10 }] });
    expect(r.entities[0]!.names).toEqual([{ name: 'ABBAS, Abu', kind: 'primary' }, { name: 'ABUL ABBAS', kind: 'weak' }]);
  });
});
