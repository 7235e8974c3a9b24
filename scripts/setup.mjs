#!/usr/bin/env node
// npm run setup: install the dependencies, compile, and make sure a browser is there to print PDFs.
// Order for the browser: one already installed (see src/browser/find.ts); else Puppeteer's own download
// of Chrome Headless Shell where the network allows; else, as root on Debian/Ubuntu, `apt-get install chromium`;
// else it prints what to install.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const run = (command, args, options = {}) => {
  console.log(`> ${command} ${args.join(' ')}`);
  return spawnSync(command, args, { stdio: 'inherit', ...options });
};
const must = (command, args) => {
  const result = run(command, args);
  if (result.status !== 0) {
    console.error(`setup: "${command} ${args.join(' ')}" failed (exit ${result.status}).`);
    process.exit(result.status ?? 1);
  }
};

must('npm', ['install', '--no-audit', '--no-fund']);
must('npm', ['run', 'build']);

const { findBrowser } = await import('../lib/browser/find.js');
const found = () => findBrowser({ env: process.env });
let browser = found();
if (!browser) {
  console.log('setup: no Chrome, Chromium or Edge found; trying to download Chrome Headless Shell…');
  const download = run(
    'npx',
    [
      '--no-install',
      '@puppeteer/browsers',
      'install',
      'chrome-headless-shell@stable',
      '--path',
      `${process.env.HOME}/.cache/puppeteer`,
    ],
    { timeout: 180_000, stdio: ['ignore', 'inherit', 'pipe'] },
  );
  if (download.status !== 0) {
    const lines = String(download.stderr ?? '').split('\n');
    const why = lines.find((line) => /error/i.test(line))?.trim() ?? `exit ${download.status}`;
    console.log(`setup: the download did not work (${why}).`);
  }
  browser = found();
}
if (
  !browser &&
  process.platform === 'linux' &&
  process.getuid?.() === 0 &&
  existsSync('/etc/debian_version')
) {
  console.log("setup: installing Debian's Chromium with apt-get…");
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-q'], { env });
  run('apt-get', ['install', '-y', '-q', 'chromium'], { env });
  browser = found();
}
if (!browser) {
  console.error(
    [
      'setup: no browser to print PDFs with. Install one of these, then run npm start:',
      '  Debian/Ubuntu:  sudo apt-get install chromium',
      '  Fedora:         sudo dnf install chromium',
      '  macOS/Windows:  Google Chrome or Microsoft Edge from their sites',
      'or set CHROME_PATH to a Chrome-family browser. (briefdeck build --no-pdf works without one.)',
    ].join('\n'),
  );
  process.exit(1);
}
console.log(`setup: done. Browser: ${browser.executablePath} (${browser.source}). Now: npm start`);
