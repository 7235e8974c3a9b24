/**
 * The package around the slides: relationships, content types, the
 * presentation part, the document properties and the zip. Every
 * relationship is internal except a hyperlink's (http, https or mailto
 * only); there are no macros, no OLE objects, no external images.
 */
import { escapeXml, NS, XML_DECL } from './_xml.js';
import { zipFiles } from './_zip.js';

const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
export const REL_TYPES = {
  officeDocument: `${REL}/officeDocument`,
  core: 'http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties',
  extended: `${REL}/extended-properties`,
  slide: `${REL}/slide`,
  slideMaster: `${REL}/slideMaster`,
  slideLayout: `${REL}/slideLayout`,
  notesMaster: `${REL}/notesMaster`,
  notesSlide: `${REL}/notesSlide`,
  theme: `${REL}/theme`,
  hyperlink: `${REL}/hyperlink`,
  image: `${REL}/image`,
  presProps: `${REL}/presProps`,
  viewProps: `${REL}/viewProps`,
  tableStyles: `${REL}/tableStyles`,
} as const;

/** The relationships of one part. */
export class Rels {
  private readonly entries: { id: string; type: string; target: string; external: boolean }[] = [];

  add(type: string, target: string, external = false): string {
    const found = this.entries.find((e) => e.type === type && e.target === target && e.external === external);
    if (found) return found.id;
    const id = `rId${this.entries.length + 1}`;
    this.entries.push({ id, type, target, external });
    return id;
  }

  get size(): number {
    return this.entries.length;
  }

  xml(): string {
    const rels = this.entries
      .map(
        (e) =>
          `<Relationship Id="${e.id}" Type="${e.type}" Target="${escapeXml(e.target)}"${e.external ? ' TargetMode="External"' : ''}/>`,
      )
      .join('');
    return `${XML_DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}</Relationships>`;
  }
}

const CT = 'application/vnd.openxmlformats-officedocument';
export const CONTENT_TYPES = {
  presentation: `${CT}.presentationml.presentation.main+xml`,
  slide: `${CT}.presentationml.slide+xml`,
  slideMaster: `${CT}.presentationml.slideMaster+xml`,
  slideLayout: `${CT}.presentationml.slideLayout+xml`,
  notesMaster: `${CT}.presentationml.notesMaster+xml`,
  notesSlide: `${CT}.presentationml.notesSlide+xml`,
  theme: `${CT}.theme+xml`,
  presProps: `${CT}.presentationml.presProps+xml`,
  viewProps: `${CT}.presentationml.viewProps+xml`,
  tableStyles: `${CT}.presentationml.tableStyles+xml`,
  core: 'application/vnd.openxmlformats-package.core-properties+xml',
  extended: `${CT}.extended-properties+xml`,
} as const;

/** The files of the package, by path, with the content type of each part. */
export class Package {
  private readonly files = new Map<string, string | Uint8Array>();
  private readonly overrides = new Map<string, string>();
  private readonly defaults = new Map<string, string>([
    ['rels', 'application/vnd.openxmlformats-package.relationships+xml'],
    ['xml', 'application/xml'],
  ]);

  part(path: string, contentType: string, content: string): void {
    this.files.set(path, content);
    this.overrides.set(`/${path}`, contentType);
  }

  rels(path: string, rels: Rels): void {
    const slash = path.lastIndexOf('/');
    this.files.set(`${path.slice(0, slash + 1)}_rels/${path.slice(slash + 1)}.rels`, rels.xml());
  }

  media(path: string, extension: string, contentType: string, bytes: Uint8Array): void {
    this.files.set(path, bytes);
    this.defaults.set(extension, contentType);
  }

  zip(): Uint8Array {
    const defaults = [...this.defaults]
      .map(([ext, type]) => `<Default Extension="${ext}" ContentType="${type}"/>`)
      .join('');
    const overrides = [...this.overrides]
      .map(([path, type]) => `<Override PartName="${path}" ContentType="${type}"/>`)
      .join('');
    const types = `${XML_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">${defaults}${overrides}</Types>`;
    // [Content_Types].xml first, as Office writes it.
    return zipFiles([['[Content_Types].xml', types], ...this.files]);
  }
}

export interface Properties {
  title: string;
  subject: string;
  author?: string;
  company?: string;
  /** The classification, so that a scanner reading the properties sees the marking. */
  keywords?: string;
  slides: number;
  notes: number;
}

export function coreXml(p: Properties): string {
  const el = (tag: string, value: string | undefined) =>
    value ? `<${tag}>${escapeXml(value)}</${tag}>` : '';
  return (
    `${XML_DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
    'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `${el('dc:title', p.title)}${el('dc:subject', p.subject)}${el('dc:creator', p.author)}${el('cp:keywords', p.keywords)}` +
    `${el('cp:lastModifiedBy', p.author)}</cp:coreProperties>`
  );
}

export function appXml(p: Properties): string {
  return (
    `${XML_DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" ` +
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' +
    `<Application>briefdeck</Application><PresentationFormat>On-screen Show</PresentationFormat>` +
    `<Slides>${p.slides}</Slides><Notes>${p.notes}</Notes><HiddenSlides>0</HiddenSlides>` +
    `${p.company ? `<Company>${escapeXml(p.company)}</Company>` : ''}<AppVersion>16.0000</AppVersion></Properties>`
  );
}

export function presentationXml(
  slides: number,
  size: { cx: number; cy: number },
  notesSize: { cx: number; cy: number },
  notesMasterRel: string | undefined,
  lang: string,
): string {
  // rId1 is the master, rId2… the slides, then the notes master (see index.ts).
  const ids = Array.from({ length: slides }, (_, i) => `<p:sldId id="${256 + i}" r:id="rId${i + 2}"/>`).join(
    '',
  );
  return (
    `${XML_DECL}<p:presentation ${NS} saveSubsetFonts="1"><p:sldMasterIdLst><p:sldMasterId id="2147483648" r:id="rId1"/></p:sldMasterIdLst>` +
    `${notesMasterRel ? `<p:notesMasterIdLst><p:notesMasterId r:id="${notesMasterRel}"/></p:notesMasterIdLst>` : ''}` +
    `<p:sldIdLst>${ids}</p:sldIdLst><p:sldSz cx="${size.cx}" cy="${size.cy}"/><p:notesSz cx="${notesSize.cx}" cy="${notesSize.cy}"/>` +
    `<p:defaultTextStyle><a:lvl1pPr><a:defRPr lang="${escapeXml(lang)}"/></a:lvl1pPr></p:defaultTextStyle></p:presentation>`
  );
}

export const PRES_PROPS = `${XML_DECL}<p:presentationPr ${NS}/>`;
export const VIEW_PROPS = `${XML_DECL}<p:viewPr ${NS}><p:normalViewPr><p:restoredLeft sz="15620"/><p:restoredTop sz="80000"/></p:normalViewPr><p:gridSpacing cx="76200" cy="76200"/></p:viewPr>`;
export const TABLE_STYLES = `${XML_DECL}<a:tblStyleLst xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" def="{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}"/>`;
