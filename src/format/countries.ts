/**
 * ISO 3166-1 country codes for the locator map: the alpha-3 code a briefing
 * writes (`LBY`) to the numeric code Natural Earth's world-atlas keys its
 * countries by (`434`), and English names for the ones world-atlas
 * abbreviates. Taken from Debian's iso-codes (ISO 3166-1, 249 entries).
 */

import { editDistance } from './didYouMean.js';

/** Alpha-3 code followed by numeric code, for every officially assigned ISO 3166-1 country. */
const CODES =
  'ABW533 AFG004 AGO024 AIA660 ALA248 ALB008 AND020 ARE784 ARG032 ARM051 ASM016 ATA010 ATF260 ' +
  'ATG028 AUS036 AUT040 AZE031 BDI108 BEL056 BEN204 BES535 BFA854 BGD050 BGR100 BHR048 BHS044 ' +
  'BIH070 BLM652 BLR112 BLZ084 BMU060 BOL068 BRA076 BRB052 BRN096 BTN064 BVT074 BWA072 CAF140 ' +
  'CAN124 CCK166 CHE756 CHL152 CHN156 CIV384 CMR120 COD180 COG178 COK184 COL170 COM174 CPV132 ' +
  'CRI188 CUB192 CUW531 CXR162 CYM136 CYP196 CZE203 DEU276 DJI262 DMA212 DNK208 DOM214 DZA012 ' +
  'ECU218 EGY818 ERI232 ESH732 ESP724 EST233 ETH231 FIN246 FJI242 FLK238 FRA250 FRO234 FSM583 ' +
  'GAB266 GBR826 GEO268 GGY831 GHA288 GIB292 GIN324 GLP312 GMB270 GNB624 GNQ226 GRC300 GRD308 ' +
  'GRL304 GTM320 GUF254 GUM316 GUY328 HKG344 HMD334 HND340 HRV191 HTI332 HUN348 IDN360 IMN833 ' +
  'IND356 IOT086 IRL372 IRN364 IRQ368 ISL352 ISR376 ITA380 JAM388 JEY832 JOR400 JPN392 KAZ398 ' +
  'KEN404 KGZ417 KHM116 KIR296 KNA659 KOR410 KWT414 LAO418 LBN422 LBR430 LBY434 LCA662 LIE438 ' +
  'LKA144 LSO426 LTU440 LUX442 LVA428 MAC446 MAF663 MAR504 MCO492 MDA498 MDG450 MDV462 MEX484 ' +
  'MHL584 MKD807 MLI466 MLT470 MMR104 MNE499 MNG496 MNP580 MOZ508 MRT478 MSR500 MTQ474 MUS480 ' +
  'MWI454 MYS458 MYT175 NAM516 NCL540 NER562 NFK574 NGA566 NIC558 NIU570 NLD528 NOR578 NPL524 ' +
  'NRU520 NZL554 OMN512 PAK586 PAN591 PCN612 PER604 PHL608 PLW585 PNG598 POL616 PRI630 PRK408 ' +
  'PRT620 PRY600 PSE275 PYF258 QAT634 REU638 ROU642 RUS643 RWA646 SAU682 SDN729 SEN686 SGP702 ' +
  'SGS239 SHN654 SJM744 SLB090 SLE694 SLV222 SMR674 SOM706 SPM666 SRB688 SSD728 STP678 SUR740 ' +
  'SVK703 SVN705 SWE752 SWZ748 SXM534 SYC690 SYR760 TCA796 TCD148 TGO768 THA764 TJK762 TKL772 ' +
  'TKM795 TLS626 TON776 TTO780 TUN788 TUR792 TUV798 TWN158 TZA834 UGA800 UKR804 UMI581 URY858 ' +
  'USA840 UZB860 VAT336 VCT670 VEN862 VGB092 VIR850 VNM704 VUT548 WLF876 WSM882 YEM887 ZAF710 ' +
  'ZMB894 ZWE716';

const NUMERIC = new Map<string, string>();
for (const entry of CODES.split(' ')) NUMERIC.set(entry.slice(0, 3), entry.slice(3));

/** The numeric code of an ISO 3166-1 alpha-3 code (any case), or undefined if there is no such country. */
export function numericCountryCode(alpha3: string): string | undefined {
  return NUMERIC.get(alpha3.toUpperCase());
}

/** Whether `code` is an ISO 3166-1 alpha-3 country code (`LBY`, `egy`). */
export function isCountryCode(code: string): boolean {
  return /^[A-Za-z]{3}$/.test(code) && NUMERIC.has(code.toUpperCase());
}

/**
 * The country codes a wrong one was likely meant to be (`BKF`: `BFA`, Burkina Faso): of those that
 * keep two of its three letters in the same order, the nearest by edit distance, those with its first
 * letter (seldom the one mistyped) first, at most `count`. None when no code is that close.
 */
export function countryCodesNear(code: string, count = 3): string[] {
  // Only a code is mistyped as one; a name or an alpha-2 code (`UK`: not UKR) is told apart by its length.
  if (!/^[A-Za-z]{3}$/.test(code)) return [];
  const typed = code.toUpperCase();
  const close = [...NUMERIC.keys()]
    .filter((candidate) => lettersInOrder(typed, candidate) >= 2)
    .map((candidate) => ({ candidate, distance: editDistance(typed, candidate) }));
  const nearest = Math.min(...close.map(({ distance }) => distance));
  const firstLetter = (candidate: string) => (candidate[0] === typed[0] ? 0 : 1);
  return close
    .filter(({ distance }) => distance === nearest)
    .map(({ candidate }) => candidate)
    .sort((a, b) => firstLetter(a) - firstLetter(b) || (a < b ? -1 : 1))
    .slice(0, count);
}

/** How many letters two words share in the same order (their longest common subsequence). */
function lettersInOrder(a: string, b: string): number {
  let last = new Array<number>(b.length + 1).fill(0);
  for (const char of a) {
    const row = [0];
    for (let j = 1; j <= b.length; j++)
      row[j] =
        char === b[j - 1] ? (last[j - 1] as number) + 1 : Math.max(last[j] as number, row[j - 1] as number);
    last = row;
  }
  return last[b.length] as number;
}

/** Names for the countries whose Natural Earth name is abbreviated or out of date, by numeric code. */
const FULL_NAMES: Readonly<Record<string, string>> = {
  '028': 'Antigua and Barbuda',
  '036': 'Australia',
  '070': 'Bosnia and Herzegovina',
  '086': 'British Indian Ocean Territory',
  '090': 'Solomon Islands',
  '092': 'British Virgin Islands',
  '136': 'Cayman Islands',
  '140': 'Central African Republic',
  '180': 'Democratic Republic of the Congo',
  '184': 'Cook Islands',
  '214': 'Dominican Republic',
  '226': 'Equatorial Guinea',
  '234': 'Faroe Islands',
  '238': 'Falkland Islands',
  '239': 'South Georgia and the South Sandwich Islands',
  '258': 'French Polynesia',
  '260': 'French Southern Territories',
  '334': 'Heard Island and McDonald Islands',
  '580': 'Northern Mariana Islands',
  '584': 'Marshall Islands',
  '612': 'Pitcairn Islands',
  '659': 'Saint Kitts and Nevis',
  '666': 'Saint Pierre and Miquelon',
  '670': 'Saint Vincent and the Grenadines',
  '728': 'South Sudan',
  '732': 'Western Sahara',
  '748': 'Eswatini',
  '792': 'Türkiye',
  '796': 'Turks and Caicos Islands',
  '807': 'North Macedonia',
  '840': 'United States',
  '850': 'United States Virgin Islands',
  '876': 'Wallis and Futuna',
};

/** The name to show for a country: `atlasName` unless it is abbreviated or out of date. */
export function countryName(numeric: string, atlasName: string): string {
  return FULL_NAMES[numeric] ?? atlasName;
}

/**
 * The countries and territories whose English name takes "the" in a sentence ("Map of the
 * Netherlands"), by the name shown (`countryName`). Their labels on the map stay without it.
 */
const NAMES_WITH_THE: ReadonlySet<string> = new Set([
  'Bahamas',
  'British Indian Ocean Territory',
  'British Virgin Islands',
  'Cayman Islands',
  'Central African Republic',
  'Comoros',
  'Cook Islands',
  'Czech Republic',
  'Democratic Republic of the Congo',
  'Dominican Republic',
  'Falkland Islands',
  'Faroe Islands',
  'French Southern Territories',
  'Gambia',
  'Maldives',
  'Marshall Islands',
  'Netherlands',
  'Northern Mariana Islands',
  'Philippines',
  'Pitcairn Islands',
  'Seychelles',
  'Solomon Islands',
  'Turks and Caicos Islands',
  'United Arab Emirates',
  'United Kingdom',
  'United States',
  'United States Virgin Islands',
  'Vatican',
]);

/** Whether a country's name, as shown, takes "the" in a sentence (`Netherlands`, `United States`). */
export function countryTakesThe(name: string): boolean {
  return NAMES_WITH_THE.has(name);
}

/** A country's name as a sentence says it: `the Netherlands`, `Libya`. */
export function countryInProse(name: string): string {
  return countryTakesThe(name) ? `the ${name}` : name;
}
