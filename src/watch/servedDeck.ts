/**
 * The deck's page as the preview server serves it: the file `build` wrote,
 * with the live-reload client added (templates/live-reload.js) and the
 * page's policy opened to the server's own origin for it. The file on disk
 * is not changed.
 */

/** Where the server's own files live; no output file can be there (the folder name starts with _). */
export const CHANNEL_PATH = '/__briefdeck';

/** The page served in place of the deck before there is one (the first build failed). */
export const PLACEHOLDER = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; connect-src 'none'">
<title>briefdeck: no deck yet</title>
</head>
<body style="font: 18px/1.5 system-ui, sans-serif; margin: 3em; color: #222">
<p>No deck yet: the briefing has not built. The problems are listed here and in the terminal; this page shows the deck as soon as it builds.</p>
</body>
</html>
`;

/**
 * The deck as served: the reload client added before `</body>` (with the build and the shell it
 * shows), and the
 * Content-Security-Policy's `connect-src 'none'` opened to this origin only
 * (`'self'`), for the event channel. Nothing else in the policy changes.
 */
export function withLiveReload(html: string, build: number, shell?: string): string {
  const shellAttribute = shell === undefined ? '' : ` data-shell="${shell.replace(/[^\w-]/g, '')}"`;
  const script = `<script src="${CHANNEL_PATH}/live-reload.js" data-build="${build}"${shellAttribute}></script>\n`;
  // The template writes the quotes as &#x27; (Handlebars escaping); either form is matched.
  const withPolicy = html.replace(
    /(<meta http-equiv="Content-Security-Policy" content="[^"]*?connect-src )('|&#x27;)none\2/,
    '$1$2self$2',
  );
  const end = withPolicy.lastIndexOf('</body>');
  return end < 0 ? withPolicy + script : withPolicy.slice(0, end) + script + withPolicy.slice(end);
}
