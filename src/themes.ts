/** The built-in themes: CSS files in `themes/` named `theme-<name>.css`. */
export const BUILT_IN_THEMES: readonly string[] = ['light', 'dark'];

/** Slide size in CSS pixels for each aspect; also the PDF page size. */
export const SLIDE_SIZES = {
  '16:9': { width: 1280, height: 720 },
  '4:3': { width: 1024, height: 768 },
} as const;
