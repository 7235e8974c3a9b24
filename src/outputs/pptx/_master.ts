/**
 * The slide master, its layouts and the theme. The master carries what
 * every slide has: the background, the classification banners at top and
 * bottom, the footer (the briefing's title) and the slide number, so a
 * slide a colleague adds gets them too. Three layouts: the title slide,
 * "Title Only" (every generated slide after the title: heading and rule)
 * and "Title and Content" for slides added by hand.
 */

import { markingLine } from '../../format/marking.js';
import { type Deck, textContextOf } from './_frame.js';
import { type LogoRels, logoPicture } from './_logo.js';
import { plainParagraph } from './_runs.js';
import { paragraphsXml, runLanguage, textBody } from './_text.js';
import { bannerColours, type Palette } from './_theme.js';
import {
  emu,
  escapeXml,
  hex,
  hundredthsPt,
  mirrored,
  NS,
  type Rect,
  ShapeIds,
  shape,
  solidFill,
  TREE_START,
  XML_DECL,
  xfrm,
} from './_xml.js';

const BANNER_SIZE = 14;
const BANNER_TRACKING = 0.12;
const FOOT_SIZE = 13;
const ACCENT_BAR = { w: 72, h: 4 };

/**
 * The marking's size: 14 px, or smaller where the PowerPoint's font (wider than the deck's) would
 * wrap a long marking out of its band; the format keeps a marking to one line of the deck's banner.
 */
function bannerSize(deck: Deck, marking: string): number {
  const line = markingLine(marking);
  const room = deck.frame.width - 2 * deck.frame.padX;
  const width =
    deck.metrics.width(line, BANNER_SIZE, true) +
    BANNER_TRACKING * BANNER_SIZE * Math.max(0, line.length - 1);
  return width <= room ? BANNER_SIZE : Math.floor(((BANNER_SIZE * room) / width) * 10) / 10;
}

function banner(deck: Deck, ids: ShapeIds, rect: Rect, name: string): string {
  const colours = bannerColours(deck.model.banner, deck.palette);
  const marking = deck.model.classification ?? '';
  const text = paragraphsXml(
    [plainParagraph(marking)],
    {
      size: bannerSize(deck, marking),
      lineHeight: 1.2,
      color: colours.text,
      bold: true,
      caps: true,
      tracking: BANNER_TRACKING,
      align: 'ctr',
    },
    textContextOf(deck),
  );
  return shape(ids, {
    name,
    rect,
    geometry: 'rect',
    fill: colours.bg,
    text: textBody(text, { anchor: 'ctr', insets: [deck.frame.padX, 0, deck.frame.padX, 0] }),
    descr: `Classification: ${deck.model.classification ?? ''}`,
  });
}

const FOOT_LOGO = 18;
const FOOT_GAP = 12;

function footer(deck: Deck, ids: ShapeIds, logoRel: LogoRels | undefined): string {
  const { foot } = deck.frame;
  const logo =
    deck.logo && logoRel
      ? logoPicture(ids, deck.logo, logoRel, {
          x: foot.x,
          y: foot.y + (foot.h - FOOT_LOGO) / 2,
          height: FOOT_LOGO,
          maxWidth: 120,
        })
      : '';
  const logoW =
    deck.logo && logoRel ? Math.min(120, (deck.logo.width * FOOT_LOGO) / deck.logo.height) + FOOT_GAP : 0;
  const numberWidth = 80;
  // "As of" and the number are set against the slide's edge: the right, or the left once mirrored.
  const end = deck.model.dir === 'rtl' ? 'l' : 'r';
  const style = { size: FOOT_SIZE, lineHeight: 1.2, color: deck.palette.muted };
  const title = paragraphsXml([plainParagraph(deck.model.title)], style, textContextOf(deck));
  // "As of …" between the title and the number, as the deck's footer has it.
  const asOf = deck.model.asOf ? `As of ${deck.model.asOf}` : undefined;
  const asOfWidth = asOf ? deck.metrics.width(asOf, FOOT_SIZE) + 4 : 0;
  const asOfBox = asOf
    ? shape(ids, {
        name: 'As of',
        rect: { x: foot.x + foot.w - numberWidth - asOfWidth, y: foot.y, w: asOfWidth, h: foot.h },
        geometry: 'rect',
        textBox: true,
        text: textBody(paragraphsXml([plainParagraph(asOf)], { ...style, align: end }, textContextOf(deck)), {
          anchor: 'ctr',
          wrap: false,
        }),
      })
    : '';
  const number =
    `<a:p><a:pPr algn="${end}"/><a:fld id="{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}" type="slidenum">` +
    `<a:rPr lang="${escapeXml(runLanguage(deck.model.language))}" sz="${hundredthsPt(FOOT_SIZE)}" dirty="0">${solidFill(deck.palette.muted)}` +
    `<a:latin typeface="${escapeXml(deck.font)}"/></a:rPr><a:t>‹#›</a:t></a:fld></a:p>`;
  return (
    logo +
    shape(ids, {
      name: 'Footer rule',
      rect: { x: foot.x, y: foot.y, w: foot.w, h: 0 },
      geometry: 'line',
      line: { color: deck.palette.line, width: 1 },
    }) +
    shape(ids, {
      name: 'Footer',
      rect: {
        x: foot.x + logoW,
        y: foot.y,
        w: foot.w - logoW - numberWidth - asOfWidth - FOOT_GAP,
        h: foot.h,
      },
      geometry: 'rect',
      textBox: true,
      text: textBody(title, { anchor: 'ctr', wrap: false }),
    }) +
    asOfBox +
    shape(ids, {
      name: 'Slide number',
      rect: { x: foot.x + foot.w - numberWidth, y: foot.y, w: numberWidth, h: foot.h },
      geometry: 'rect',
      textBox: true,
      text: textBody(number, { anchor: 'ctr' }),
    })
  );
}

function placeholder(
  ids: ShapeIds,
  type: 'title' | 'ctrTitle' | 'body',
  rect: Rect | null,
  name: string,
  lang: string,
): string {
  const ph = type === 'body' ? '<p:ph type="body" idx="1"/>' : `<p:ph type="${type}"/>`;
  return (
    `<p:sp><p:nvSpPr><p:cNvPr id="${ids.next()}" name="${name}"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>` +
    `<p:nvPr>${ph}</p:nvPr></p:nvSpPr><p:spPr>${rect ? xfrm(rect) : ''}</p:spPr>` +
    `<p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:endParaRPr lang="${escapeXml(lang)}" dirty="0"/></a:p></p:txBody></p:sp>`
  );
}

function levelStyles(deck: Deck, size: number, bold: boolean, color: string, bullets: boolean): string {
  const font = escapeXml(deck.font);
  return Array.from({ length: bullets ? 5 : 1 }, (_, i) => {
    const indent = bullets ? ` marL="${emu((i + 1) * 24)}" indent="${-emu(24)}"` : ' marL="0" indent="0"';
    const bullet = bullets
      ? `<a:buFont typeface="Arial"/><a:buChar char="${i === 0 ? '•' : '–'}"/>`
      : '<a:buNone/>';
    return (
      `<a:lvl${i + 1}pPr${indent} algn="l"><a:lnSpc><a:spcPct val="100000"/></a:lnSpc><a:spcBef><a:spcPts val="${bullets ? 600 : 0}"/></a:spcBef>${bullet}` +
      `<a:defRPr sz="${hundredthsPt(size)}" b="${bold ? 1 : 0}">${solidFill(color)}<a:latin typeface="${font}"/><a:cs typeface="${font}"/></a:defRPr></a:lvl${i + 1}pPr>`
    );
  }).join('');
}

const CLR_MAP_LIGHT =
  'bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" accent2="accent2" accent3="accent3" accent4="accent4" accent5="accent5" accent6="accent6" hlink="hlink" folHlink="folHlink"';
const CLR_MAP_DARK = CLR_MAP_LIGHT.replace(
  'bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2"',
  'bg1="dk1" tx1="lt1" bg2="dk2" tx2="lt2"',
);

export function masterXml(deck: Deck, layoutCount: number, logoRel?: LogoRels): string {
  const { frame, palette } = deck;
  const ids = new ShapeIds();
  const lang = runLanguage(deck.model.language);
  const shapes = [
    placeholder(ids, 'title', frame.heading, 'Title Placeholder', lang),
    placeholder(ids, 'body', frame.body, 'Text Placeholder', lang),
    footer(deck, ids, logoRel),
  ];
  if (deck.model.classification) {
    shapes.push(
      banner(deck, ids, { x: 0, y: 0, w: frame.width, h: frame.banner }, 'Classification banner (top)'),
    );
    shapes.push(
      banner(
        deck,
        ids,
        { x: 0, y: frame.height - frame.banner, w: frame.width, h: frame.banner },
        'Classification banner (bottom)',
      ),
    );
  }
  // Right to left, the footer mirrors as the deck's flex row does (the title on the right, the number on the left).
  const placed =
    deck.model.dir === 'rtl' ? shapes.map((xml) => mirrored(xml, frame.width, 'layout')) : shapes;
  const layouts = Array.from(
    { length: layoutCount },
    (_, i) => `<p:sldLayoutId id="${2147483649 + i}" r:id="rId${i + 1}"/>`,
  ).join('');
  return (
    `${XML_DECL}<p:sldMaster ${NS}><p:cSld><p:bg><p:bgPr>${solidFill(palette.bg)}<a:effectLst/></p:bgPr></p:bg>` +
    `<p:spTree>${TREE_START}${placed.join('')}</p:spTree></p:cSld>` +
    `<p:clrMap ${palette.dark ? CLR_MAP_DARK : CLR_MAP_LIGHT}/><p:sldLayoutIdLst>${layouts}</p:sldLayoutIdLst>` +
    `<p:txStyles><p:titleStyle>${levelStyles(deck, frame.headingSize, true, palette.heading, false)}</p:titleStyle>` +
    `<p:bodyStyle>${levelStyles(deck, 22, false, palette.text, true)}</p:bodyStyle>` +
    `<p:otherStyle>${levelStyles(deck, 18, false, palette.text, false)}</p:otherStyle></p:txStyles></p:sldMaster>`
  );
}

/** The rule under the heading, with its short accent bar, as on every deck slide but the title. */
export function headingRule(deck: Deck, ids: ShapeIds): string {
  const { frame, palette } = deck;
  return (
    shape(ids, {
      name: 'Heading rule',
      rect: { x: frame.heading.x, y: frame.ruleY, w: frame.heading.w, h: frame.ruleHeight },
      geometry: 'rect',
      fill: palette.line,
    }) +
    shape(ids, {
      name: 'Heading accent',
      rect: {
        x: frame.heading.x,
        y: frame.ruleY + frame.ruleHeight - ACCENT_BAR.h,
        w: ACCENT_BAR.w,
        h: ACCENT_BAR.h,
      },
      geometry: 'rect',
      fill: palette.accent,
    })
  );
}

export type LayoutKind = 'title' | 'titleOnly' | 'obj';
export const LAYOUTS: readonly { kind: LayoutKind; name: string }[] = [
  { kind: 'title', name: 'Title Slide' },
  { kind: 'titleOnly', name: 'Title Only' },
  { kind: 'obj', name: 'Title and Content' },
];

export function layoutXml(deck: Deck, kind: LayoutKind, name: string): string {
  const ids = new ShapeIds();
  const { frame } = deck;
  const lang = runLanguage(deck.model.language);
  const shapes =
    kind === 'title'
      ? placeholder(
          ids,
          'ctrTitle',
          { ...frame.body, y: frame.body.y + frame.body.h / 3, h: 80 },
          'Title 1',
          lang,
        )
      : placeholder(ids, 'title', null, 'Title 1', lang) +
        headingRule(deck, ids) +
        (kind === 'obj' ? placeholder(ids, 'body', null, 'Content Placeholder 2', lang) : '');
  return (
    `${XML_DECL}<p:sldLayout ${NS} type="${kind}" preserve="1"><p:cSld name="${name}"><p:spTree>${TREE_START}${shapes}</p:spTree></p:cSld>` +
    '<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>'
  );
}

const FMT_SCHEME =
  '<a:fmtScheme name="briefdeck"><a:fillStyleLst><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:fillStyleLst>' +
  '<a:lnStyleLst><a:ln w="9525"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln><a:ln w="19050"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln><a:ln w="28575"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln></a:lnStyleLst>' +
  '<a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle></a:effectStyleLst>' +
  '<a:bgFillStyleLst><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:bgFillStyleLst></a:fmtScheme>';

/** The theme: the palette as the colour scheme (dark themes swap dk1/lt1 through the master's colour map), the font as both theme fonts. */
export function themeXml(palette: Palette, font: string, name: string): string {
  const c = (tag: string, color: string) => `<a:${tag}><a:srgbClr val="${hex(color)}"/></a:${tag}>`;
  const scheme = palette.dark
    ? [c('dk1', palette.bg), c('lt1', palette.text), c('dk2', palette.surface), c('lt2', palette.heading)]
    : [c('dk1', palette.text), c('lt1', palette.bg), c('dk2', palette.heading), c('lt2', palette.surface)];
  const accents = [
    palette.accent,
    palette.rel.support,
    palette.rel.rivalry,
    palette.rel.conflict,
    palette.stance.neutral,
    palette.rel.alliance,
  ];
  const fonts = `<a:latin typeface="${escapeXml(font)}"/><a:ea typeface=""/><a:cs typeface=""/>`;
  return (
    `${XML_DECL}<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="${name}"><a:themeElements>` +
    `<a:clrScheme name="${name}">${scheme.join('')}${accents.map((color, i) => c(`accent${i + 1}`, color)).join('')}` +
    `${c('hlink', palette.link)}${c('folHlink', palette.link)}</a:clrScheme>` +
    `<a:fontScheme name="${name}"><a:majorFont>${fonts}</a:majorFont><a:minorFont>${fonts}</a:minorFont></a:fontScheme>` +
    `${FMT_SCHEME}</a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>`
  );
}

/** The notes master: the slide's image above, the notes below, on a portrait page. */
export function notesMasterXml(deck: Deck): string {
  const ids = new ShapeIds();
  const page = { w: 720, h: 960 };
  const image = { x: 60, y: 60, w: 600, h: (600 * deck.frame.height) / deck.frame.width };
  const notes = { x: 60, y: image.y + image.h + 30, w: 600, h: page.h - image.y - image.h - 90 };
  const ph = (type: string, idx: number, rect: Rect, name: string) =>
    `<p:sp><p:nvSpPr><p:cNvPr id="${ids.next()}" name="${name}"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>` +
    `<p:nvPr><p:ph type="${type}" idx="${idx}"/></p:nvPr></p:nvSpPr><p:spPr>${xfrm(rect)}</p:spPr>` +
    (type === 'body'
      ? `<p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:endParaRPr lang="${escapeXml(runLanguage(deck.model.language))}" dirty="0"/></a:p></p:txBody>`
      : '') +
    '</p:sp>';
  const font = escapeXml(deck.font);
  const style = `<a:lvl1pPr marL="0"><a:defRPr sz="1200"><a:solidFill><a:srgbClr val="000000"/></a:solidFill><a:latin typeface="${font}"/></a:defRPr></a:lvl1pPr>`;
  return (
    `${XML_DECL}<p:notesMaster ${NS}><p:cSld><p:spTree>${TREE_START}` +
    `${ph('sldImg', 2, image, 'Slide Image Placeholder')}${ph('body', 3, notes, 'Notes Placeholder')}</p:spTree></p:cSld>` +
    `<p:clrMap ${CLR_MAP_LIGHT}/><p:notesStyle>${style}</p:notesStyle></p:notesMaster>`
  );
}

export const NOTES_SIZE = { cx: emu(720), cy: emu(960) };
