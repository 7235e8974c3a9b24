import { describe, expect, it } from 'vitest';
import { badBrowserEnv, findBrowser } from '../src/browser/find.js';

const only =
  (...files: string[]) =>
  (file: string) =>
    files.includes(file);

describe('findBrowser', () => {
  it('takes PUPPETEER_EXECUTABLE_PATH first, then CHROME_PATH', () => {
    const env = { PUPPETEER_EXECUTABLE_PATH: '/opt/a/chrome', CHROME_PATH: '/opt/b/chrome' };
    expect(
      findBrowser({
        env,
        platform: 'linux',
        isExecutable: only('/opt/a/chrome', '/opt/b/chrome', '/usr/bin/chromium'),
      }),
    ).toEqual({
      executablePath: '/opt/a/chrome',
      source: 'PUPPETEER_EXECUTABLE_PATH',
    });
    expect(
      findBrowser({ env, platform: 'linux', isExecutable: only('/opt/b/chrome', '/usr/bin/chromium') })
        ?.source,
    ).toBe('CHROME_PATH');
  });

  it('then installed browsers in the usual places, Chrome before Chromium', () => {
    const found = findBrowser({
      env: {},
      platform: 'linux',
      isExecutable: only('/usr/bin/chromium', '/usr/bin/google-chrome-stable'),
    });
    expect(found).toEqual({ executablePath: '/usr/bin/google-chrome-stable', source: 'system' });
    expect(
      findBrowser({
        env: {},
        platform: 'darwin',
        isExecutable: only('/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge'),
      })?.source,
    ).toBe('system');
  });

  it("then the newest browser in Puppeteer's cache", () => {
    const listDir = (dir: string) =>
      dir === '/home/u/.cache/puppeteer/chrome-headless-shell' ? ['linux-120.0.1', 'linux-131.0.2'] : [];
    const newest =
      '/home/u/.cache/puppeteer/chrome-headless-shell/linux-131.0.2/chrome-headless-shell-linux64/chrome-headless-shell';
    const older =
      '/home/u/.cache/puppeteer/chrome-headless-shell/linux-120.0.1/chrome-headless-shell-linux64/chrome-headless-shell';
    expect(
      findBrowser({
        env: {},
        platform: 'linux',
        homedir: '/home/u',
        listDir,
        isExecutable: only(older, newest),
      }),
    ).toEqual({
      executablePath: newest,
      source: 'puppeteer cache',
    });
  });

  it('finds nothing on a machine without a browser, and names a variable that points nowhere', () => {
    expect(
      findBrowser({
        env: { CHROME_PATH: '/nope' },
        platform: 'linux',
        isExecutable: () => false,
        listDir: () => [],
      }),
    ).toBeUndefined();
    expect(badBrowserEnv({ CHROME_PATH: '/nope' }, () => false)).toEqual(['CHROME_PATH=/nope']);
  });
});
