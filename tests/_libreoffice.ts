/** LibreOffice for the PowerPoint tests: whether it is installed, and one conversion of many decks at once. */
import { execFile, execFileSync } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

/** `soffice` when LibreOffice is installed, else undefined (the tests that open decks in it are skipped). */
export const soffice = (() => {
  try {
    execFileSync('soffice', ['--version'], { stdio: 'ignore', timeout: 60_000 });
    return 'soffice';
  } catch {
    return undefined;
  }
})();

/**
 * Converts `dir/NAME.pptx` for each name to `dir/NAME.pdf` in one run of LibreOffice, with a profile
 * of its own in `dir`; `filter` is the export filter (`pdf`, or one with options such as notes pages).
 */
export async function convertDecks(dir: string, names: readonly string[], filter = 'pdf'): Promise<void> {
  await promisify(execFile)(
    soffice ?? 'soffice',
    [
      `-env:UserInstallation=file://${dir}/profile`,
      '--headless',
      '--norestore',
      '--convert-to',
      filter,
      '--outdir',
      dir,
      ...names.map((name) => path.join(dir, `${name}.pptx`)),
    ],
    { timeout: 110_000 },
  );
}
