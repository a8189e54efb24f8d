/**
 * Every Lambda snippet, expanded with its defaults, passes its own language's check:
 *   Python      python3 -m py_compile
 *   JavaScript  node --check (as an ES module, .mjs)
 *   TypeScript  the TypeScript compiler, strict, against @types/aws-lambda and @types/node
 *               (the AWS SDK modules the snippets import are declared in ts-stubs/)
 *   Go          gofmt -e (syntax) and gofmt's canonical layout
 *   Java        javac -Xlint against the compile stubs in java-stubs/
 * A check whose tool is not installed is reported as skipped, never as passed.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import ts from 'typescript';
import { expandSnippet } from './expand';
import { ROOT, prefixesOf, snippetsFor, type SnippetDefinition } from './load';

function which(tool: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, tool);
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

function expanded(snippet: SnippetDefinition): string {
  return `${expandSnippet(snippet.body).text}\n`;
}

function run(command: string, args: string[], cwd?: string): { status: number | null; output: string } {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error) : ''}` };
}

function withTempDir<T>(fn: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'tf-snippet-'));
  try {
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function numbered(code: string): string {
  return code
    .split('\n')
    .map((line, i) => `${String(i + 1).padStart(4)} | ${line}`)
    .join('\n');
}

type Verdict = { ok: true } | { ok: false; message: string } | { skip: string };

/**
 * Declares one test per snippet of `language`. `checkAll` receives every expanded snippet at
 * once (tools start slowly, so each language's tool runs once) and returns a verdict per snippet.
 */
function describeLanguage(language: string, checkAll: (codes: string[]) => Verdict[]): void {
  const snippets = snippetsFor(language);
  let verdicts: Verdict[] | undefined;
  describe(`${language} Lambda snippets`, () => {
    it('include an API Gateway, an SQS and an event handler', () => {
      const prefixes = snippets.flatMap(({ snippet }) => prefixesOf(snippet));
      for (const prefix of ['tf-lambda-api', 'tf-lambda-sqs', 'tf-lambda-event']) assert.ok(prefixes.includes(prefix), `${language}: ${prefix}`);
    });
    snippets.forEach(({ name, snippet }, index) => {
      it(`${prefixesOf(snippet)[0]}: ${name}`, (t) => {
        verdicts ??= checkAll(snippets.map((s) => expanded(s.snippet)));
        const verdict = verdicts[index];
        if ('skip' in verdict) return t.skip(verdict.skip);
        if (!verdict.ok) assert.fail(`${verdict.message}\n${numbered(expanded(snippet))}`);
      });
    });
  });
}

/** Runs `tool` once over files written to a temp dir; a file is fine when the output does not name it. */
function checkFiles(codes: string[], fileName: (code: string, index: number) => string, tool: (dir: string, files: string[]) => { status: number | null; output: string }): Verdict[] {
  return withTempDir((dir) => {
    const files = codes.map((code, index) => {
      const sub = join(dir, String(index));
      mkdirSync(sub);
      const file = join(sub, fileName(code, index));
      writeFileSync(file, code);
      return file;
    });
    const result = tool(dir, files);
    const named = files.filter((file) => result.output.includes(file));
    return files.map((file): Verdict => {
      if (named.includes(file)) return { ok: false, message: result.output.split(file).join('<snippet>') };
      // A failure that names no file at all counts against every file.
      if (result.status !== 0 && named.length === 0) return { ok: false, message: `the check failed without naming a file:\n${result.output}` };
      return { ok: true };
    });
  });
}

// Python --------------------------------------------------------------------------------
const python = which('python3');
describeLanguage('python', (codes) =>
  python
    ? checkFiles(codes, () => 'handler.py', (_dir, files) => run(python, ['-c', 'import py_compile, sys\nfailed = 0\nfor f in sys.argv[1:]:\n    try:\n        py_compile.compile(f, doraise=True)\n    except py_compile.PyCompileError as e:\n        failed = 1\n        print(e.msg)\nsys.exit(failed)', ...files]))
    : codes.map(() => ({ skip: 'python3 not installed' })),
);

// JavaScript ----------------------------------------------------------------------------
describeLanguage('javascript', (codes) =>
  codes.map((code): Verdict => {
    if (!/^export const handler = async \(event, context\) =>/m.test(code)) return { ok: false, message: 'does not export an async ES module handler' };
    return withTempDir((dir) => {
      const file = join(dir, 'handler.mjs');
      writeFileSync(file, code);
      const result = run(process.execPath, ['--check', file]);
      return result.status === 0 ? { ok: true } : { ok: false, message: `node --check failed:\n${result.output}` };
    });
  }),
);

// TypeScript ----------------------------------------------------------------------------
const TS_STUBS = join(__dirname, 'ts-stubs', 'aws-sdk.d.ts');
// Paths inside the repository, so `aws-lambda` resolves from our node_modules; the files themselves live in memory.
const virtualFile = (index: number) => join(ROOT, 'test', 'snippets', `__expanded_snippet_${index}__.ts`);

/** Type-checks each source as its own module in one program; returns the diagnostics of each. */
function typeCheck(sources: string[]): string[][] {
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    noUnusedLocals: true,
    noUnusedParameters: true,
    noImplicitReturns: true,
    noFallthroughCasesInSwitch: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2022.d.ts'],
    types: ['node', 'aws-lambda'],
    typeRoots: [join(ROOT, 'node_modules', '@types')],
    skipLibCheck: true,
  };
  const virtual = new Map(sources.map((code, index) => [virtualFile(index), code]));
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const readFile = host.readFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    const code = virtual.get(fileName);
    return code !== undefined ? ts.createSourceFile(fileName, code, languageVersion, true) : getSourceFile(fileName, languageVersion, onError, shouldCreate);
  };
  host.fileExists = (fileName) => virtual.has(fileName) || fileExists(fileName);
  host.readFile = (fileName) => virtual.get(fileName) ?? readFile(fileName);
  const program = ts.createProgram([...virtual.keys(), TS_STUBS], options, host);
  const diagnostics = ts.getPreEmitDiagnostics(program);
  const format = (d: ts.Diagnostic) => {
    const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
    return `${where ? `${where.line + 1}:${where.character + 1} ` : ''}TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  };
  const global = diagnostics.filter((d) => !d.file || !virtual.has(d.file.fileName)).map((d) => `${d.file?.fileName ?? ''} ${format(d)}`);
  return sources.map((_, index) => [...global, ...diagnostics.filter((d) => d.file?.fileName === virtualFile(index)).map(format)]);
}

describeLanguage('typescript', (codes) =>
  typeCheck(codes).map((diagnostics, index): Verdict => {
    if (!/from 'aws-lambda'/.test(codes[index])) return { ok: false, message: 'not typed with @types/aws-lambda' };
    return diagnostics.length === 0 ? { ok: true } : { ok: false, message: `type errors:\n${diagnostics.join('\n')}` };
  }),
);

describe('the TypeScript check itself', () => {
  it('reports a type error in a snippet-like file, and only in that file', () => {
    const [good, bad] = typeCheck([
      "import type { SQSHandler } from 'aws-lambda';\nexport const handler: SQSHandler = async (event) => ({ batchItemFailures: [{ itemIdentifier: event.Records[0].messageId }] });\n",
      "import type { SQSHandler } from 'aws-lambda';\nexport const handler: SQSHandler = async (event) => ({ batchItemFailures: [{ id: event.Records[0].messageId }] });\n",
    ]);
    assert.deepEqual(good, []);
    assert.ok(bad.some((d) => d.includes('TS2')), bad.join('\n'));
  });
});

// Go ------------------------------------------------------------------------------------
const gofmt = which('gofmt');
describeLanguage('go', (codes) =>
  codes.map((code): Verdict => {
    if (!gofmt) return { skip: 'gofmt not installed (Debian: apt-get install golang-go)' };
    const result = spawnSync(gofmt, ['-e'], { input: code, encoding: 'utf8' });
    if (result.status !== 0) return { ok: false, message: `gofmt -e failed:\n${result.stderr}${result.error ?? ''}` };
    // The layout must be gofmt's own, except the line where $0 leaves the cursor (indentation only).
    const normalise = (text: string) => text.replace(/[ \t]+$/gm, '');
    return normalise(code) === normalise(result.stdout) ? { ok: true } : { ok: false, message: `not gofmt-formatted; gofmt gives:\n${result.stdout}` };
  }),
);

// Java ----------------------------------------------------------------------------------
const javac = which('javac');
const JAVA_STUBS = join(__dirname, 'java-stubs');

function javaFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? javaFiles(path) : path.endsWith('.java') ? [path] : [];
  });
}

describeLanguage('java', (codes) => {
  if (!javac) return codes.map(() => ({ skip: 'javac not installed (Debian: apt-get install default-jdk-headless)' }));
  const className = (code: string) => `${/^public (?:final )?class (\w+)/m.exec(code)?.[1] ?? 'MissingPublicClass'}.java`;
  return checkFiles(codes, className, (dir, files) => {
    const out = join(dir, 'classes');
    mkdirSync(out);
    return run(javac, ['-Xlint:all,-serial', '-Werror', '-d', out, ...javaFiles(JAVA_STUBS), ...files]);
  });
});
