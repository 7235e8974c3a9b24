/**
 * The README's typed example ("From a program"), as a user copies it: type-checked against the
 * package's declarations with `import ... from 'briefdeck'`, then run on a folder of briefings with
 * a real Chromium. The README is the front door: its example must keep compiling and working.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, readPdf, tempDir } from './_helpers.js';

const run = promisify(execFile);

/** The first TypeScript block under the README's "From a program". */
function readmeExample(): string {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### From a program'));
  const block = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
  if (!block) throw new Error('README: no ```ts block under "From a program"');
  return block;
}

describe('the README’s example of the API', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir('readme-api-');
    // A project that has installed briefdeck: node_modules/briefdeck is this package.
    mkdirSync(path.join(dir, 'node_modules'));
    symlinkSync(ROOT, path.join(dir, 'node_modules', 'briefdeck'), 'dir');
    writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }\n');
    writeFileSync(path.join(dir, 'example.ts'), readmeExample());
    mkdirSync(path.join(dir, 'briefings'));
    cpSync(path.join(ROOT, 'briefing.yaml'), path.join(dir, 'briefings', 'sample.yaml'));
    cpSync(path.join(ROOT, 'brand'), path.join(dir, 'briefings', 'brand'), { recursive: true });
  });

  /** The type checker's messages for `file` in the project, against the package's declarations. */
  const typeErrors = (file: string) => {
    const program = ts.createProgram([path.join(dir, file)], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      types: ['node'],
      typeRoots: [path.join(ROOT, 'node_modules', '@types')],
      skipLibCheck: true,
    });
    return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  };

  it('type-checks against the package’s declarations, under strict settings', () => {
    expect(typeErrors('example.ts')).toEqual([]);
  });

  // The API is the whole of what index.ts exports (issue 15): the browser session a program shares
  // between builds shows its constructor and close(), not the Puppeteer browser and pages behind them.
  it('declares the browser session without the internals behind it', () => {
    writeFileSync(
      path.join(dir, 'internals.ts'),
      "import { BrowserSession } from 'briefdeck';\n" +
        'const session = new BrowserSession({ env: process.env, timeoutMs: 1000 });\n' +
        'void session.get();\nvoid session.withPage(async () => 1);\nvoid session.close();\n',
    );
    expect(typeErrors('internals.ts')).toEqual([
      "Property 'get' does not exist on type 'BrowserSession'.",
      "Property 'withPage' does not exist on type 'BrowserSession'.",
    ]);
  });

  it('builds the folder’s briefings and reports each as the README says', async () => {
    const js = ts.transpileModule(readmeExample(), {
      compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
    }).outputText;
    writeFileSync(path.join(dir, 'example.mjs'), js);
    const { stdout } = await run(process.execPath, ['example.mjs'], { cwd: dir, timeout: 120_000 });
    // onBriefing, then the loop over the report: the built briefing's PDF, its slides, no overflow.
    expect(stdout).toContain('built briefings/sample.yaml');
    expect(stdout).toMatch(/dist\/sample\.pdf \d+ slides 0 overflows/);
    const pdf = await readPdf(path.join(dir, 'dist', 'sample.pdf'));
    expect(pdf.pages.length).toBeGreaterThan(5);
    expect(
      readFileSync(path.join(dir, 'dist', 'sample.pptx'))
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
  }, 150_000);
});
