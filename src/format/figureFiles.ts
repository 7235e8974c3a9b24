/**
 * The figures' files, read and made ready for the outputs once the briefing
 * is otherwise read: each must lie inside the briefing's folder and pass
 * images.ts's checks (type by content, size, an SVG that runs and loads
 * nothing); a raster is re-encoded without metadata and scaled down to at
 * most twice the largest size it is shown at (a 1280 × 768 slide). Also the
 * locations and the map read into numbers. Every problem is reported, at the
 * `file` key of its figure.
 */
import type { Figure, FigureImage, Location, MapSettings } from './briefing.js';
import { readBriefingFile } from './deckFiles.js';
import type { VISUAL_KEYS } from './formatVisuals.js';
import { MAX_IMAGE_BYTES, prepareImage } from './images.js';
import type { Message, Value } from './specs.js';

/** The largest box an image is shown in: a whole slide, either aspect, in CSS px. */
export const LARGEST_SHOWN = { width: 1280, height: 768 } as const;

type FigureValue = Value<(typeof VISUAL_KEYS)['figures']>[number];
type LocationValue = Value<(typeof VISUAL_KEYS)['locations']>[number];
type MapValue = Value<(typeof VISUAL_KEYS)['map']>;

export interface FigureFiles {
  /** The briefing's folder and the name it is given by. */
  dir: string;
  briefing: string;
  /** Says a problem at a YAML path. */
  problem(path: string, message: Message): void;
}

/** Each figure's image, by the figure's index (none for a figure whose file has a problem). */
export async function readFigureImages(
  figures: readonly (FigureValue | undefined)[],
  files: FigureFiles,
): Promise<Map<number, FigureImage>> {
  const images = new Map<number, FigureImage>();
  for (const [index, figure] of figures.entries()) {
    if (figure?.file === undefined) continue;
    const path = `figures[${index}].file`;
    const read = readBriefingFile(files.dir, files.briefing, figure.file, MAX_IMAGE_BYTES);
    if ('problems' in read) {
      for (const message of read.problems) files.problem(path, message);
      continue;
    }
    const prepared = await prepareImage(read.bytes, {
      name: figure.file,
      shownWidth: LARGEST_SHOWN.width,
      shownHeight: LARGEST_SHOWN.height,
    });
    if ('problems' in prepared) {
      for (const message of prepared.problems) files.problem(path, message);
      continue;
    }
    // A raster scaled down is still at least twice the largest size it is shown at, so its new size
    // serves as its natural size: the image is never shown larger than it.
    const { mediaType, bytes, width, height } = prepared.image;
    images.set(index, { mediaType, bytes, naturalWidth: width, naturalHeight: height });
  }
  return images;
}

/** The figures with their images; undefined when any is missing (a problem was reported). */
export function figuresOf(values: readonly FigureValue[], images: Map<number, FigureImage>): Figure[] {
  return values.flatMap((value, index) => {
    const image = images.get(index);
    return image ? [{ ...value, image }] : [];
  });
}

export function locationsOf(values: readonly LocationValue[]): Location[] {
  return values.map(({ lat, lon, ...rest }) => ({ ...rest, lat: Number(lat), lon: Number(lon) }));
}

/** The map's settings as numbers; a map with both `countries` and `bbox` is a problem. */
export function mapOf(value: MapValue | undefined, problem: FigureFiles['problem']): MapSettings | undefined {
  if (!value) return undefined;
  const { countries, bbox, labels, ...rest } = value;
  if (countries?.length && bbox)
    problem('map.bbox', {
      message: 'may not be given with "countries"',
      hint: 'give one of countries and bbox',
    });
  // A bbox with south above north is drawn as the box the two latitudes make.
  const edges = bbox?.map(Number) as [number, number, number, number] | undefined;
  if (edges && edges[1] > edges[3]) [edges[1], edges[3]] = [edges[3], edges[1]];
  const area = countries?.length ? { countries } : edges ? { bbox: edges } : undefined;
  return {
    ...rest,
    ...(area ? { area } : {}),
    labels: (labels ?? []).map(({ lat, lon, name }) => ({ name, lat: Number(lat), lon: Number(lon) })),
  };
}
