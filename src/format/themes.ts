/** The built-in themes: CSS files in `themes/` named `theme-<name>.css`. */
export const BUILT_IN_THEMES: readonly string[] = ['light', 'dark'];
