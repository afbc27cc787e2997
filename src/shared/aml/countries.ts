/**
 * Country names → ISO 3166 alpha-2, from the platform's CLDR data
 * (Intl.DisplayNames), plus the spellings the UN and OFAC lists use that CLDR
 * does not ("Iran (Islamic Republic of)", "Syrian Arab Republic"…).
 */
const EXTRA: Record<string, string> = {
  'iran islamic republic of': 'IR', 'syrian arab republic': 'SY', 'russian federation': 'RU', 'viet nam': 'VN',
  'democratic republic of the congo': 'CD', 'congo': 'CG', 'republic of korea': 'KR', 'democratic peoples republic of korea': 'KP',
  'korea north': 'KP', 'north korea': 'KP', 'south korea': 'KR', 'korea south': 'KR', 'lao peoples democratic republic': 'LA',
  'libyan arab jamahiriya': 'LY', 'united republic of tanzania': 'TZ', 'bolivia plurinational state of': 'BO',
  'venezuela bolivarian republic of': 'VE', 'republic of moldova': 'MD', 'the former yugoslav republic of macedonia': 'MK',
  'united states of america': 'US', 'usa': 'US', 'uk': 'GB', 'great britain': 'GB', 'united kingdom of great britain and northern ireland': 'GB',
  'burma': 'MM', 'ivory coast': 'CI', 'cote divoire': 'CI', 'turkey': 'TR', 'turkiye': 'TR', 'palestine': 'PS', 'state of palestine': 'PS',
  'gaza': 'PS', 'west bank': 'PS', 'kosovo': 'XK', 'swaziland': 'SZ', 'czech republic': 'CZ', 'holland': 'NL', 'bharat': 'IN',
  'indian': 'IN', 'pakistani': 'PK', 'afghan': 'AF', 'iraqi': 'IQ', 'syrian': 'SY', 'iranian': 'IR', 'saudi': 'SA', 'yemeni': 'YE',
  'egyptian': 'EG', 'somali': 'SO', 'sudanese': 'SD', 'libyan': 'LY', 'jordanian': 'JO', 'lebanese': 'LB', 'russian': 'RU', 'chinese': 'CN',
  'american': 'US', 'british': 'GB', 'bangladeshi': 'BD', 'nepalese': 'NP', 'sri lankan': 'LK', 'tunisian': 'TN', 'algerian': 'DZ', 'moroccan': 'MA',
  'kuwaiti': 'KW', 'emirati': 'AE', 'qatari': 'QA', 'bahraini': 'BH', 'omani': 'OM', 'turkish': 'TR', 'german': 'DE', 'french': 'FR',
};

let byName: Map<string, string> | undefined;

function key(s: string): string {
  return s.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().replace(/[^a-z ]+/g, ' ').replace(/\s+/g, ' ').trim();
}

function table(): Map<string, string> {
  if (byName) return byName;
  const m = new Map<string, string>();
  let names: Intl.DisplayNames | undefined;
  try {
    names = new Intl.DisplayNames(['en'], { type: 'region' });
  } catch {
    names = undefined;
  }
  if (names) {
    for (let a = 65; a <= 90; a++) {
      for (let b = 65; b <= 90; b++) {
        const code = String.fromCharCode(a, b);
        const name = names.of(code);
        if (name && name !== code && !/unknown/i.test(name)) m.set(key(name), code);
      }
    }
  }
  for (const [k, v] of Object.entries(EXTRA)) m.set(key(k), v);
  byName = m;
  return m;
}

/** ISO alpha-2 for a code or an English name; undefined when unknown. */
export function toCountryCode(value: string | undefined | null): string | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^[A-Za-z]{2}$/.test(v)) return v.toUpperCase();
  const k = key(v);
  if (!k) return undefined;
  const direct = table().get(k);
  if (direct) return direct;
  // "Iran (Islamic Republic of)" → "iran islamic republic of"; try the part before a comma/paren too.
  const head = key(v.split(/[,(]/)[0] ?? '');
  return table().get(head);
}
