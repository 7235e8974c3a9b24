import { test } from 'vitest';
import { createHyphenation } from '../src/content/hyphenation.js';
test('x', () => {
const de=createHyphenation('de');
console.log(de('Der Landesdatenschutzbeauftragte und die Dienstleistungsgewerkschaft, siehe example.org/Verwaltungsgericht und NATO-Mitgliedstaaten Straßenbahnhaltestelle').replace(/\u00AD/g,'-'));
const en=createHyphenation('en');
console.log(en('The international maritime-logistics-intelligence community acknowledges uncertainty').replace(/\u00AD/g,'-'));
});
