/**
 * Every page that loads a deck or a handout may read only the files of its folder: any other request
 * is blocked, and what the page reports (script errors, console errors, failed or blocked requests)
 * is passed on to the user. The print pages (print.ts) are kept and used again for other documents,
 * so a page is guarded once and then only told the new folder and where to report.
 */
import path from 'node:path';
import type { Page } from 'puppeteer-core';

export interface Guard {
  /** The folder the page may read. */
  root: string;
  report: (message: string) => void;
}

/** Pages already guarded, with their current folder and reporter. */
const guarded = new WeakMap<Page, Guard>();

/** Guards the page for a document in `root` (the first time), or points its guard at `root` and `report`. */
export async function guardPage(page: Page, root: string, report: (message: string) => void): Promise<void> {
  const known = guarded.get(page);
  if (known) {
    Object.assign(known, { root, report });
    return;
  }
  const guard: Guard = { root, report };
  guarded.set(page, guard);
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    if (request.isInterceptResolutionHandled()) return;
    if (inside(guard.root, request.url())) void request.continue();
    else {
      guard.report(`blocked a request from the deck to ${shorten(request.url())}`);
      void request.abort('blockedbyclient');
    }
  });
  page.on('requestfailed', (request) => {
    const reason = request.failure()?.errorText ?? 'failed';
    if (reason !== 'net::ERR_BLOCKED_BY_CLIENT')
      guard.report(`could not load ${shorten(request.url())} (${reason})`);
  });
  page.on('pageerror', (error) =>
    guard.report(`script error in the deck: ${error instanceof Error ? error.message : String(error)}`),
  );
  page.on('console', (message) => {
    if (message.type() === 'error') guard.report(`deck console: ${message.text()}`);
  });
}

/** Whether the page may load `url`: data, the blank page, or a file inside `root`. */
function inside(root: string, url: string): boolean {
  if (url.startsWith('data:') || url === 'about:blank') return true;
  if (!url.startsWith('file:')) return false;
  try {
    const relative = path.relative(root, decodeURIComponent(new URL(url).pathname));
    return relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
  } catch {
    return false;
  }
}

function shorten(url: string): string {
  return url.length > 120 ? `${url.slice(0, 117)}…` : url;
}
