// Editor = CLI for input nested deeper than anyone writes by hand. The yaml package's parser and composer, and our
// Helm template renderer, recurse once per level, so what they made of such input depended on the stack left: the
// CLI's main thread (under 1 MB) gave up on a whole file that the editor's analysis workers (4 MB) read, and the
// line of a YAML "Maximum call stack size exceeded" moved with the caller's depth.
// - The core's YAML reader (core/yaml-read.ts) ends a document where it nests deeper than MAX_YAML_NESTING, with
//   one error there, and reads the stream's other documents as usual.
// - A Helm template whose blocks or parentheses nest deeper than MAX_TEMPLATE_NESTING is not rendered (blocks), or
//   its action's value is unknown (parentheses).
import { after, describe, it } from 'node:test';
import { Worker } from 'node:worker_threads';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { analyze, type Analysis } from '../../server/src/core/analyze';
import { MAX_YAML_NESTING, TOO_DEEP_MESSAGE, readAllDocuments, readData, readDocument } from '../../server/src/core/yaml-read';
import { AnalysisPool, type PoolDocument } from '../../server/src/worker-pool';
import { renderTemplate } from '../../server/src/core/helm/render';
import { MAX_TEMPLATE_NESTING } from '../../server/src/core/helm/lexer';

const WORKER = join(__dirname, '..', '..', 'dist', 'analysis-worker.js');

const deployment = (name: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  replicas: 3\n  selector:\n    matchLabels: {app: ${name}}\n  template:\n    metadata:\n      labels: {app: ${name}}\n    spec:\n      containers:\n        - name: ${name}\n          image: nginx:latest\n`;
/** A ConfigMap whose `extra` holds `levels` lists inside each other, written on one line (`- - - x`). */
const deepConfigMap = (levels: number) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\nextra:\n  ${'- '.repeat(levels)}x\n`;
/** `levels` block maps inside each other: the parser's stack holds the document, the maps and the innermost value. */
const nestedMaps = (levels: number, value = '1') => Array.from({ length: levels }, (_, i) => `${' '.repeat(i)}a:`).join('\n') + ` ${value}\n`;
const depthOf = (data: unknown): number => (data && typeof data === 'object' ? 1 + Math.max(0, ...Object.values(data).map(depthOf)) : 0);

/** What an analysis reports, as `rule@line:column` and `line:column message` for each parse problem. */
function outcome(analysis: Pick<Analysis, 'findings'> & { parsed?: Analysis['parsed'] }): string[] {
  const findings = analysis.findings.map((f) => `${f.ruleId}@${f.range.start.line}:${f.range.start.character}`);
  const problems = (analysis.parsed?.parseProblems ?? []).map((p) => `${p.range.start.line}:${p.range.start.character} ${p.message}`);
  return [...findings, ...problems];
}

/** Runs `f` below `frames` extra calls, as a caller deep in its own stack would. */
function belowFrames<T>(frames: number, f: () => T): T {
  return frames > 0 ? belowFrames(frames - 1, f) : f();
}

describe('YAML nesting bound', () => {
  it('reads a document nesting as deep as the bound whole, in block and flow style', () => {
    const block = readAllDocuments(nestedMaps(MAX_YAML_NESTING - 2));
    assert.deepEqual(block[0].errors, []);
    assert.equal(depthOf(block[0].toJS()), MAX_YAML_NESTING - 2);
    const flow = readAllDocuments(`${'['.repeat(MAX_YAML_NESTING - 1)}${']'.repeat(MAX_YAML_NESTING - 1)}\n`);
    assert.deepEqual(flow[0].errors, []);
    assert.equal(depthOf(flow[0].toJS()), MAX_YAML_NESTING - 1);
  });

  it('ends a document one level deeper with one error, where it gets too deep', () => {
    const text = nestedMaps(MAX_YAML_NESTING - 1);
    const [doc, ...rest] = readAllDocuments(text);
    assert.equal(rest.length, 0);
    assert.deepEqual(doc.errors.map((e) => e.message), [TOO_DEEP_MESSAGE]);
    // On the last line, whose value is the level past the bound.
    assert.ok(doc.errors[0].pos[0] > text.lastIndexOf('a:') && doc.errors[0].pos[0] < text.length, String(doc.errors[0].pos));
    assert.equal(doc.toJS(), null);
  });

  it('reads the documents after a too-deep one at their own offsets', () => {
    const deepForms = {
      // A value `---` inside the skipped part is a scalar, not a document marker.
      'block maps, then --- values': `${nestedMaps(300, '---')}b: ---\nc: [---]\n`,
      'an unclosed flow sequence': `${'['.repeat(300)}\n`,
      'flow maps ended by ...': `${'{a: '.repeat(300)}1${'}'.repeat(300)}\n...\n`,
    };
    for (const [form, deep] of Object.entries(deepForms)) {
      const text = `first: 1\n---\n${deep}---\nlast: 2\n`;
      const docs = readAllDocuments(text);
      assert.equal(docs.length, 3, form);
      assert.deepEqual(docs[0].toJS(), { first: 1 }, form);
      assert.deepEqual(docs[1].errors.map((e) => e.message), [TOO_DEEP_MESSAGE], form);
      assert.deepEqual(docs[2].errors, [], form);
      assert.deepEqual(docs[2].toJS(), { last: 2 }, form);
      assert.equal(docs[2].range[0], text.lastIndexOf('---\nlast: 2'), form);
      assert.equal((docs[2].contents as { range: number[] }).range[0], text.lastIndexOf('last: 2'), form);
    }
  });

  it('reads one document, and plain data, through the same bound', () => {
    assert.deepEqual(readDocument(nestedMaps(MAX_YAML_NESTING - 1)).errors.map((e) => e.message), [TOO_DEEP_MESSAGE]);
    assert.deepEqual(readDocument('a: 1\n---\nb: 2\n').errors.map((e) => e.code), ['MULTIPLE_DOCS']);
    assert.equal(readData(nestedMaps(MAX_YAML_NESTING - 1)), undefined);
    assert.deepEqual(readData('resources: [a.yaml]\n'), { resources: ['a.yaml'] });
  });

  it('reports a too-deep document in a manifest and still analyses the others', () => {
    const text = `${deployment('web')}---\n${deepConfigMap(3000)}---\n${deployment('api')}`;
    const analysis = analyze({ uri: 'file:///deep/all.yaml', languageId: '', text });
    const line = text.split('\n').findIndex((l) => l.startsWith('  - - '));
    assert.deepEqual(analysis.parsed.parseProblems.map((p) => `${p.range.start.line} ${p.message}`), [`${line} ${TOO_DEEP_MESSAGE}`]);
    const named = (name: string) => analysis.findings.filter((f) => text.split('\n')[f.range.start.line].includes(name)).length;
    assert.ok(named('web') > 0 && named('api') > 0, outcome(analysis).join('\n'));
  });
});

describe('YAML nesting: the same outcome whatever the stack', () => {
  const text = `${deployment('web')}---\n${deepConfigMap(3000)}---\n${deployment('api')}`;
  const uri = 'file:///deep/k8s/all.yaml';
  const documents = new Map<string, PoolDocument>([[uri, { uri, languageId: 'yaml', version: 1, text }]]);
  const pool = new AnalysisPool({ script: WORKER, size: 1, workerOptions: {}, documents: (u) => [documents.get(u)!], log: () => {} });
  after(() => pool.dispose());

  it('on a main thread, at the top of the stack and 3,000 calls down', () => {
    // 1,000 levels once stopped the composer at a column that moved with the caller's depth; 3,000 the parser.
    for (const levels of [1000, 3000]) {
      const input = { uri, languageId: 'yaml', text: `${deployment('web')}---\n${deepConfigMap(levels)}---\n${deployment('api')}` };
      const top = outcome(analyze(input));
      const deep = belowFrames(3000, () => outcome(analyze(input)));
      assert.deepEqual(deep, top, `${levels} levels`);
      assert.ok(top.some((o) => o.endsWith(TOO_DEEP_MESSAGE)), top.join('\n'));
    }
  });

  it("in the editor's analysis worker as on the CLI's main thread", async () => {
    const main = analyze({ uri, languageId: 'yaml', text });
    const worker = await pool.analyse({ uri, version: 1, configuration: {}, timeoutMs: 20_000, urgent: true });
    assert.equal(worker.kind, 'done');
    assert.ok(main.findings.length > 0);
    assert.deepEqual(outcome({ findings: worker.kind === 'done' ? worker.findings : [] }), outcome({ findings: main.findings }));
  });
});

describe('Helm template nesting: the same outcome whatever the stack', () => {
  const RENDER = join(__dirname, '..', '..', 'server', 'src', 'core', 'helm', 'render.ts');
  const context = { values: [{ uri: 'file:///chart/values.yaml', text: 'on: true\nport: 8080\n' }], helpers: [] };
  const ifs = (levels: number) => `${'{{ if .Values.on }}'.repeat(levels)}port: {{ .Values.port }}\n${'{{ end }}'.repeat(levels)}`;
  const parens = (levels: number) => `port: {{ ${'('.repeat(levels)}.Values.port${')'.repeat(levels)} }}\n`;
  const rendered = (template: string) => {
    const result = renderTemplate(template, context);
    return result.error ?? result.text;
  };

  /** The template rendered in a worker thread with the analysis pool's limits (and so its 4 MB stack). */
  async function inWorker(template: string): Promise<string> {
    const code = `require('tsx/cjs/api').register();
const { parentPort, workerData } = require('node:worker_threads');
const { renderTemplate } = require(${JSON.stringify(RENDER)});
const result = renderTemplate(workerData.template, workerData.context);
parentPort.postMessage(result.error ?? result.text);`;
    const worker = new Worker(code, { eval: true, workerData: { template, context }, resourceLimits: { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 256 } });
    try {
      return await new Promise<string>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      });
    } finally {
      await worker.terminate();
    }
  }

  it('renders blocks and parentheses nested as deep as the bound', () => {
    assert.equal(rendered(ifs(MAX_TEMPLATE_NESTING)), 'port: 8080\n');
    assert.equal(rendered(parens(MAX_TEMPLATE_NESTING)), 'port: 8080\n');
  });

  it('does not render blocks nested deeper, and leaves a deeper parenthesised value unknown', () => {
    assert.equal(rendered(ifs(MAX_TEMPLATE_NESTING + 1)), `blocks nest more than ${MAX_TEMPLATE_NESTING} levels deep`);
    assert.doesNotMatch(rendered(parens(MAX_TEMPLATE_NESTING + 1)), /8080/);
  });

  it("gives the same result on a main thread, 3,000 calls down, and in a worker with the analysis pool's stack", async () => {
    for (const template of [ifs(5000), parens(5000)]) {
      const main = rendered(template);
      assert.equal(belowFrames(3000, () => rendered(template)), main);
      assert.equal(await inWorker(template), main);
    }
  });
});
