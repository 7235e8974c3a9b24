/**
 * ISO 3166-1 country codes for the locator map: the alpha-3 code a briefing
 * writes (`LBY`) to the numeric code Natural Earth's world-atlas keys its
 * countries by (`434`), and English names for the ones world-atlas
 * abbreviates. Taken from Debian's iso-codes (ISO 3166-1, 249 entries).
 */

import { editDistance } from './didYouMean.js';
import { primaryLanguage } from './language.js';

/** Alpha-3 code, numeric code and alpha-2 code, for every officially assigned ISO 3166-1 country. */
const CODES =
  'ABW533AW AFG004AF AGO024AO AIA660AI ALA248AX ALB008AL AND020AD ARE784AE ARG032AR ARM051AM ' +
  'ASM016AS ATA010AQ ATF260TF ATG028AG AUS036AU AUT040AT AZE031AZ BDI108BI BEL056BE BEN204BJ ' +
  'BES535BQ BFA854BF BGD050BD BGR100BG BHR048BH BHS044BS BIH070BA BLM652BL BLR112BY BLZ084BZ ' +
  'BMU060BM BOL068BO BRA076BR BRB052BB BRN096BN BTN064BT BVT074BV BWA072BW CAF140CF CAN124CA ' +
  'CCK166CC CHE756CH CHL152CL CHN156CN CIV384CI CMR120CM COD180CD COG178CG COK184CK COL170CO ' +
  'COM174KM CPV132CV CRI188CR CUB192CU CUW531CW CXR162CX CYM136KY CYP196CY CZE203CZ DEU276DE ' +
  'DJI262DJ DMA212DM DNK208DK DOM214DO DZA012DZ ECU218EC EGY818EG ERI232ER ESH732EH ESP724ES ' +
  'EST233EE ETH231ET FIN246FI FJI242FJ FLK238FK FRA250FR FRO234FO FSM583FM GAB266GA GBR826GB ' +
  'GEO268GE GGY831GG GHA288GH GIB292GI GIN324GN GLP312GP GMB270GM GNB624GW GNQ226GQ GRC300GR ' +
  'GRD308GD GRL304GL GTM320GT GUF254GF GUM316GU GUY328GY HKG344HK HMD334HM HND340HN HRV191HR ' +
  'HTI332HT HUN348HU IDN360ID IMN833IM IND356IN IOT086IO IRL372IE IRN364IR IRQ368IQ ISL352IS ' +
  'ISR376IL ITA380IT JAM388JM JEY832JE JOR400JO JPN392JP KAZ398KZ KEN404KE KGZ417KG KHM116KH ' +
  'KIR296KI KNA659KN KOR410KR KWT414KW LAO418LA LBN422LB LBR430LR LBY434LY LCA662LC LIE438LI ' +
  'LKA144LK LSO426LS LTU440LT LUX442LU LVA428LV MAC446MO MAF663MF MAR504MA MCO492MC MDA498MD ' +
  'MDG450MG MDV462MV MEX484MX MHL584MH MKD807MK MLI466ML MLT470MT MMR104MM MNE499ME MNG496MN ' +
  'MNP580MP MOZ508MZ MRT478MR MSR500MS MTQ474MQ MUS480MU MWI454MW MYS458MY MYT175YT NAM516NA ' +
  'NCL540NC NER562NE NFK574NF NGA566NG NIC558NI NIU570NU NLD528NL NOR578NO NPL524NP NRU520NR ' +
  'NZL554NZ OMN512OM PAK586PK PAN591PA PCN612PN PER604PE PHL608PH PLW585PW PNG598PG POL616PL ' +
  'PRI630PR PRK408KP PRT620PT PRY600PY PSE275PS PYF258PF QAT634QA REU638RE ROU642RO RUS643RU ' +
  'RWA646RW SAU682SA SDN729SD SEN686SN SGP702SG SGS239GS SHN654SH SJM744SJ SLB090SB SLE694SL ' +
  'SLV222SV SMR674SM SOM706SO SPM666PM SRB688RS SSD728SS STP678ST SUR740SR SVK703SK SVN705SI ' +
  'SWE752SE SWZ748SZ SXM534SX SYC690SC SYR760SY TCA796TC TCD148TD TGO768TG THA764TH TJK762TJ ' +
  'TKL772TK TKM795TM TLS626TL TON776TO TTO780TT TUN788TN TUR792TR TUV798TV TWN158TW TZA834TZ ' +
  'UGA800UG UKR804UA UMI581UM URY858UY USA840US UZB860UZ VAT336VA VCT670VC VEN862VE VGB092VG ' +
  'VIR850VI VNM704VN VUT548VU WLF876WF WSM882WS YEM887YE ZAF710ZA ZMB894ZM ZWE716ZW';

const NUMERIC = new Map<string, string>();
const ALPHA2 = new Map<string, string>();
for (const entry of CODES.split(' ')) {
  NUMERIC.set(entry.slice(0, 3), entry.slice(3, 6));
  ALPHA2.set(entry.slice(3, 6), entry.slice(6));
}

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

const regionNames = new Map<string, Intl.DisplayNames | undefined>();

/**
 * A country's name in the briefing's language, for the map (`Libye`, `Algérie`), from the Unicode
 * CLDR that Node carries; `english` (`countryName`) for English, for a language CLDR does not know,
 * and where the name would not be in Latin letters (the map's font and metrics are Latin).
 */
export function countryNameIn(language: string, numeric: string, english: string): string {
  const alpha2 = ALPHA2.get(numeric);
  if (primaryLanguage(language) === 'en' || !alpha2) return english;
  if (!regionNames.has(language)) {
    let names: Intl.DisplayNames | undefined;
    try {
      names = new Intl.DisplayNames([language], { type: 'region', fallback: 'none' });
    } catch {
      names = undefined;
    }
    regionNames.set(language, names);
  }
  const name = regionNames.get(language)?.of(alpha2);
  return name && /^[\p{Script=Latin}\p{M}\s.,'’()-]+$/u.test(name) ? name : english;
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
