/**
 * Finds a Chrome-family browser the way Marp CLI does: the environment
 * first (PUPPETEER_EXECUTABLE_PATH, CHROME_PATH), then browsers installed
 * in the usual places, then Puppeteer's own download cache.
 */
import { accessSync, constants, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface FoundBrowser {
  executablePath: string;
  /** Where it was found, for messages: `CHROME_PATH`, `system`, `puppeteer cache`. */
  source: string;
}

export interface FindOptions {
  env: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  homedir?: string;
  /** Injected in tests. */
  isExecutable?: (file: string) => boolean;
  listDir?: (dir: string) => string[];
}

export function findBrowser(options: FindOptions): FoundBrowser | undefined {
  const { env } = options;
  const platform = options.platform ?? process.platform;
  const home = options.homedir ?? os.homedir();
  const isExecutable = options.isExecutable ?? defaultIsExecutable;
  const listDir = options.listDir ?? defaultListDir;

  for (const name of ['PUPPETEER_EXECUTABLE_PATH', 'CHROME_PATH'] as const) {
    const value = env[name];
    if (value && isExecutable(value)) return { executablePath: value, source: name };
  }
  for (const candidate of systemPaths(platform, env)) {
    if (isExecutable(candidate)) return { executablePath: candidate, source: 'system' };
  }
  const cache = env.PUPPETEER_CACHE_DIR ?? path.join(home, '.cache', 'puppeteer');
  for (const candidate of puppeteerCachePaths(cache, platform, listDir)) {
    if (isExecutable(candidate)) return { executablePath: candidate, source: 'puppeteer cache' };
  }
  return undefined;
}

/** Environment variables that were set but did not point at a browser, for the error message. */
export function badBrowserEnv(env: NodeJS.ProcessEnv, isExecutable = defaultIsExecutable): string[] {
  return (['PUPPETEER_EXECUTABLE_PATH', 'CHROME_PATH'] as const)
    .filter((name) => env[name] && !isExecutable(env[name] as string))
    .map((name) => `${name}=${env[name]}`);
}

function systemPaths(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string[] {
  if (platform === 'darwin') {
    const apps = [
      'Google Chrome.app/Contents/MacOS/Google Chrome',
      'Google Chrome Canary.app/Contents/MacOS/Google Chrome Canary',
      'Chromium.app/Contents/MacOS/Chromium',
      'Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
      'Brave Browser.app/Contents/MacOS/Brave Browser',
    ];
    return apps.flatMap((app) => [
      path.join('/Applications', app),
      path.join(os.homedir(), 'Applications', app),
    ]);
  }
  if (platform === 'win32') {
    const roots = [env.LOCALAPPDATA, env.PROGRAMFILES, env['PROGRAMFILES(X86)']].filter(
      (root): root is string => !!root,
    );
    const exes = [
      'Google\\Chrome\\Application\\chrome.exe',
      'Chromium\\Application\\chrome.exe',
      'Microsoft\\Edge\\Application\\msedge.exe',
    ];
    return roots.flatMap((root) => exes.map((exe) => path.win32.join(root, exe)));
  }
  const names = [
    'google-chrome-stable',
    'google-chrome',
    'chromium',
    'chromium-browser',
    'microsoft-edge-stable',
    'microsoft-edge',
    'brave-browser',
  ];
  const dirs = ['/usr/bin', '/usr/local/bin', '/snap/bin', '/opt/google/chrome'];
  return [...dirs.flatMap((dir) => names.map((name) => path.join(dir, name))), '/opt/google/chrome/chrome'];
}

/** Browsers that `npx @puppeteer/browsers install` (or puppeteer's postinstall) put in its cache, newest first. */
function puppeteerCachePaths(
  cache: string,
  platform: NodeJS.Platform,
  listDir: (dir: string) => string[],
): string[] {
  const out: string[] = [];
  for (const product of ['chrome', 'chrome-headless-shell', 'chromium']) {
    const versions = listDir(path.join(cache, product)).sort(compareVersionsDescending);
    for (const version of versions) {
      const base = path.join(cache, product, version);
      if (platform === 'linux') {
        out.push(
          path.join(base, 'chrome-linux64', 'chrome'),
          path.join(base, 'chrome-headless-shell-linux64', 'chrome-headless-shell'),
          path.join(base, 'chrome-linux', 'chrome'),
        );
      } else if (platform === 'darwin') {
        for (const arch of ['mac-arm64', 'mac-x64']) {
          out.push(
            path.join(
              base,
              `chrome-${arch}`,
              'Google Chrome for Testing.app',
              'Contents',
              'MacOS',
              'Google Chrome for Testing',
            ),
            path.join(base, `chrome-headless-shell-${arch}`, 'chrome-headless-shell'),
          );
        }
      } else if (platform === 'win32') {
        out.push(
          path.join(base, 'chrome-win64', 'chrome.exe'),
          path.join(base, 'chrome-headless-shell-win64', 'chrome-headless-shell.exe'),
        );
      }
    }
  }
  return out;
}

function compareVersionsDescending(a: string, b: string): number {
  const parse = (v: string) => (v.split('-').pop() ?? v).split('.').map(Number);
  const [pa, pb] = [parse(a), parse(b)];
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pb[i] ?? 0) - (pa[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

function defaultIsExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function defaultListDir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** What to tell a user who has no browser. */
export function noBrowserHint(platform: NodeJS.Platform = process.platform): string {
  if (platform === 'linux') {
    return 'Install Chromium (Debian/Ubuntu: sudo apt-get install chromium) or Google Chrome, or set CHROME_PATH to a Chrome-family browser; or run with --no-pdf.';
  }
  return 'Install Google Chrome, Chromium or Microsoft Edge, or set CHROME_PATH to one; or run with --no-pdf.';
}
