// Regular expressions are safe by construction (issue 9): no user text reaches a RegExp
// constructor, and every regex in server/src runs in (near) linear time on adversarial input.
//
// The sources are read with the TypeScript compiler API, so a regex cannot hide from this test:
// every regular-expression literal and every `new RegExp(…)`/`RegExp(…)` call is collected.
// A constructor call must be built only from constants of its own file (string literals,
// templates and `+` of constants, `[…].join(…)` of constants, `const` bindings of those), which
// this test evaluates itself; the one exception is listed in ALLOWED_DYNAMIC with its reason.
// Each regex is then run against generated 50k-character strings: generic repeated shapes plus
// "pumps" derived from the regex's own quantifiers (the text before a quantifier, then its body
// repeated, then a suffix that makes the match fail), the classic recipe for catastrophic
// backtracking. A pair that takes longer than BUDGET_MS fails the test.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Worker } from 'node:worker_threads';
import ts from 'typescript';

const ROOT = join(__dirname, '..', '..');
const SOURCES = join(ROOT, 'server', 'src');
const LENGTH = 50_000;
const BUDGET_MS = 100;

/**
 * Constructor calls whose arguments are not constants of their file, each with the reason it is safe.
 * Keyed by `<path relative to server/src>:<argument text>`.
 */
const ALLOWED_DYNAMIC: Record<string, string> = {
  'core/kubernetes/pod-parts.ts:pattern.source':
    'findInCommand re-flags (adds `g` to) a RegExp object its callers pass; every caller passes a regex of its own file, which this test collects and runs like any other.',
};

// ---------------------------------------------------------------------------------------------
// Collection

interface Collected {
  /** `file:line` of the regex. */
  where: string;
  /** The compiled regex (for a constructor call, compiled from the evaluated constants). */
  regex?: RegExp;
  /** Why a constructor call is refused, if it is. */
  problem?: string;
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? tsFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

class NotConstant extends Error {}

/** Evaluates an expression built only from constants declared in `file`; throws NotConstant otherwise. */
function constantOf(node: ts.Expression, file: ts.SourceFile, depth = 0): string | string[] | RegExp {
  if (depth > 50) throw new NotConstant('too deep');
  const again = (n: ts.Expression) => constantOf(n, file, depth + 1);
  const asString = (n: ts.Expression) => {
    const v = again(n);
    if (typeof v !== 'string') throw new NotConstant(`${n.getText(file)} is not a string`);
    return v;
  };
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isNumericLiteral(node)) return node.text;
  if (ts.isRegularExpressionLiteral(node)) return literalRegExp(node.text);
  if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node)) return again(node.expression);
  if (ts.isTaggedTemplateExpression(node) && node.tag.getText(file) === 'String.raw') {
    const raw = (n: ts.TemplateLiteralLikeNode) => n.rawText ?? n.text;
    const t = node.template;
    if (ts.isNoSubstitutionTemplateLiteral(t)) return raw(t);
    return raw(t.head) + t.templateSpans.map((s) => asString(s.expression) + raw(s.literal)).join('');
  }
  if (ts.isTemplateExpression(node)) return node.head.text + node.templateSpans.map((s) => asString(s.expression) + s.literal.text).join('');
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) return asString(node.left) + asString(node.right);
  if (ts.isArrayLiteralExpression(node)) {
    return node.elements.flatMap((e) => {
      if (ts.isSpreadElement(e)) {
        const v = again(e.expression);
        if (!Array.isArray(v)) throw new NotConstant('spread of a non-array');
        return v;
      }
      return [asString(e)];
    });
  }
  if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'join' && node.arguments.length <= 1) {
    const list = again(node.expression.expression);
    if (!Array.isArray(list)) throw new NotConstant('join of a non-array');
    return list.join(node.arguments.length ? asString(node.arguments[0]) : ',');
  }
  if (ts.isPropertyAccessExpression(node) && (node.name.text === 'source' || node.name.text === 'flags')) {
    const v = again(node.expression);
    if (!(v instanceof RegExp)) throw new NotConstant(`.${node.name.text} of a non-regex`);
    return v[node.name.text];
  }
  if (ts.isIdentifier(node)) return again(constInitializer(node.text, file));
  throw new NotConstant(`${ts.SyntaxKind[node.kind]} \`${node.getText(file)}\``);
}

/** The initializer of the one `const NAME = …` of the file; refuses names also bound otherwise (parameters, let, functions). */
function constInitializer(name: string, file: ts.SourceFile): ts.Expression {
  const initializers: ts.Expression[] = [];
  let otherBinding = false;
  const visit = (n: ts.Node) => {
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.name.text === name) {
      const isConst = ts.isVariableDeclarationList(n.parent) && (n.parent.flags & ts.NodeFlags.Const) !== 0;
      if (isConst && n.initializer) initializers.push(n.initializer);
      else otherBinding = true;
    } else if ((ts.isParameter(n) || ts.isBindingElement(n)) && ts.isIdentifier(n.name) && n.name.text === name) otherBinding = true;
    else if ((ts.isFunctionDeclaration(n) || ts.isClassDeclaration(n)) && n.name?.text === name) otherBinding = true;
    else if (ts.isImportSpecifier(n) && n.name.text === name) otherBinding = true;
    ts.forEachChild(n, visit);
  };
  visit(file);
  if (otherBinding || initializers.length !== 1) throw new NotConstant(`\`${name}\` is not a single const of this file`);
  return initializers[0];
}

function literalRegExp(text: string): RegExp {
  const slash = text.lastIndexOf('/');
  return new RegExp(text.slice(1, slash), text.slice(slash + 1));
}

function collect(): Collected[] {
  const out: Collected[] = [];
  for (const path of tsFiles(SOURCES)) {
    const file = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
    const rel = relative(SOURCES, path).split('\\').join('/');
    const where = (n: ts.Node) => `${rel}:${file.getLineAndCharacterOfPosition(n.getStart(file)).line + 1}`;
    const visit = (n: ts.Node) => {
      if (ts.isRegularExpressionLiteral(n)) out.push({ where: where(n), regex: literalRegExp(n.text) });
      else if ((ts.isNewExpression(n) || ts.isCallExpression(n)) && ts.isIdentifier(n.expression) && n.expression.text === 'RegExp') {
        const args = n.arguments ?? [];
        const allowed = args.length > 0 && ALLOWED_DYNAMIC[`${rel}:${args[0].getText(file)}`] !== undefined;
        try {
          const values = args.map((a) => constantOf(a, file));
          if (values.length === 0 || values.length > 2 || values.some((v) => Array.isArray(v))) throw new NotConstant('unexpected arguments');
          const [source, flags] = values as (string | RegExp)[];
          out.push({ where: where(n), regex: new RegExp(source, typeof flags === 'string' ? flags : undefined) });
        } catch (e) {
          if (!(e instanceof NotConstant)) throw e;
          if (!allowed) out.push({ where: where(n), problem: `RegExp built from non-constant input (${e.message}): ${n.getText(file).slice(0, 160)}` });
        }
      }
      ts.forEachChild(n, visit);
    };
    visit(file);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Adversarial inputs

/** Repeated shapes that break nested or adjacent quantifiers in typical text-matching regexes. */
const GENERIC_UNITS = ['a', 'A', ' ', '/', '-', '=', '.', ':', '@', '{{', '}{{', 'a ', '-a', 'a=', '\t', '\\', '0', 'A1', 'a.', 'a-', ', ', '$', '${', '"', "'", '_', 'a/', 'a:', '+', 'A+'];
const SUFFIXES = ['', '!', '\n', '\u0000'];
/** Characters tried, in order, when a piece of a regex needs one example character. */
const CANDIDATES = ['a', 'A', '0', ' ', '-', '.', '/', '_', '=', ':', '@', 'x', 'Z', '9', '\t', '{', '}', '$', '+', ',', '"', "'", '#', '!', '\n', '*', '?', '\\', '~', '%', '&', '(', ')', '[', ']', '|', '<', '>', ';', '^', '`', 'é', '\u0000'];

type Node =
  | { kind: 'alt'; options: Node[] }
  | { kind: 'seq'; items: Node[] }
  | { kind: 'group'; body: Node; look: boolean }
  | { kind: 'repeat'; body: Node; min: number; max: number }
  | { kind: 'atom'; source: string }
  | { kind: 'empty' };

/** A small parser for the JavaScript regex syntax, enough to find quantifiers and sample their bodies. */
function parse(source: string): Node {
  let i = 0;
  const alternation = (): Node => {
    const options = [sequence()];
    while (source[i] === '|') {
      i++;
      options.push(sequence());
    }
    return options.length === 1 ? options[0] : { kind: 'alt', options };
  };
  const sequence = (): Node => {
    const items: Node[] = [];
    while (i < source.length && source[i] !== '|' && source[i] !== ')') {
      let atom = term();
      for (;;) {
        const q = quantifier();
        if (!q) break;
        atom = { kind: 'repeat', body: atom, ...q };
      }
      items.push(atom);
    }
    return { kind: 'seq', items };
  };
  const quantifier = (): { min: number; max: number } | undefined => {
    const c = source[i];
    let q: { min: number; max: number } | undefined;
    if (c === '*') q = { min: 0, max: Infinity };
    else if (c === '+') q = { min: 1, max: Infinity };
    else if (c === '?') q = { min: 0, max: 1 };
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i, i + 20));
      if (!m) return undefined;
      i += m[0].length - 1;
      q = { min: Number(m[1]), max: m[2] ? (m[3] ? Number(m[3]) : Infinity) : Number(m[1]) };
    }
    if (!q) return undefined;
    i++;
    if (source[i] === '?') i++;
    return q;
  };
  const term = (): Node => {
    const start = i;
    const c = source[i];
    if (c === '(') {
      i++;
      let look = false;
      if (source[i] === '?') {
        const m = /^\?(:|=|!|<=|<!|<[A-Za-z_$][\w$]*>)/.exec(source.slice(i, i + 40));
        if (m) {
          look = /^\?(=|!|<=|<!)$/.test(m[0]);
          i += m[0].length;
        }
      }
      const body = alternation();
      i++; // ')'
      return { kind: 'group', body, look };
    }
    if (c === '[') {
      i++;
      while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
      i++;
      return { kind: 'atom', source: source.slice(start, i) };
    }
    if (c === '\\') {
      i += 2;
      if (source[i - 1] === 'u' && source[i] === '{') while (source[i - 1] !== '}') i++;
      else if (source[i - 1] === 'u') i += 4;
      else if (source[i - 1] === 'x') i += 2;
      else if (source[i - 1] === 'k' && source[i] === '<') while (source[i - 1] !== '>') i++;
      else if (source[i - 1] === 'p' || source[i - 1] === 'P') while (source[i - 1] !== '}') i++;
      else if (/[1-9]/.test(source[i - 1])) while (/\d/.test(source[i] ?? '')) i++;
      return { kind: 'atom', source: source.slice(start, i) };
    }
    i++;
    return { kind: 'atom', source: c };
  };
  const tree = alternation();
  return i < source.length ? { kind: 'seq', items: [tree, { kind: 'atom', source: source.slice(i) }] } : tree;
}

/** Example text matched by `node` (`variant` picks other alternatives and characters). */
function sample(node: Node, flags: string, variant: number): string {
  switch (node.kind) {
    case 'empty':
      return '';
    case 'alt':
      return sample(node.options[variant % node.options.length], flags, variant);
    case 'seq':
      return node.items.map((n) => sample(n, flags, variant)).join('');
    case 'group':
      return node.look ? '' : sample(node.body, flags, variant);
    case 'repeat':
      // Variant 0 takes one repetition (or the minimum), variant 1 the minimum (so `,?` may be absent).
      return sample(node.body, flags, variant).repeat(variant % 2 ? node.min : Math.max(node.min, node.max > 0 ? 1 : 0));
    case 'atom': {
      if (/^(\^|\$|\\[bB]|\\\d+|\\k<.*>)$/.test(node.source)) return '';
      let single: RegExp;
      try {
        single = new RegExp(`^(?:${node.source})$`, flags.replace(/[gym]/g, ''));
      } catch {
        return '';
      }
      const literal = node.source.length === 1 ? node.source : /^\\[^\w]$/.test(node.source) ? node.source[1] : undefined;
      const matching = (literal ? [literal, ...CANDIDATES] : CANDIDATES).filter((ch) => single.test(ch));
      if (matching.length === 0) return '';
      // Variant 1 prefers a non-word character, which lets `\b` and word runs restart inside a repeated unit.
      if (variant % 2 === 1) return matching.find((ch) => /\W/.test(ch)) ?? matching[1 % matching.length];
      return matching[0];
    }
  }
}

/**
 * Pumps for each quantifier of the regex: [the text the regex needs before it, a unit to repeat].
 * The prefix is the sample of every sibling before the quantifier, at every nesting level.
 */
function pumps(regex: RegExp): [string, string][] {
  const flags = regex.flags;
  const out: [string, string][] = [];
  const walk = (node: Node, before: string) => {
    if (node.kind === 'alt') node.options.forEach((o) => walk(o, before));
    else if (node.kind === 'group') walk(node.body, before);
    else if (node.kind === 'seq') {
      let prefix = before;
      for (let k = 0; k < node.items.length; k++) {
        const item = node.items[k];
        walk(item, prefix);
        if (item.kind === 'repeat' && item.max > 16) {
          for (const variant of [0, 1]) {
            const unit = sample(item.body, flags, variant);
            const local = node.items.slice(Math.max(0, k - 3), k).map((n) => sample(n, flags, variant)).join('');
            const next = node.items.slice(k + 1, k + 3).map((n) => sample(n, flags, variant)).join('');
            if (unit) {
              out.push([prefix, unit]);
              // Everything the regex needs up to the quantifier and one body, repeated: each copy is a new
              // start that scans to the end (`\$\{\w+-[^}]*\}` over `${A-a${A-a…`).
              if (prefix && prefix.length <= 40) out.push(['', prefix + unit]);
              // The text just before the quantifier and its body, repeated: `foo.*` over `fooafooa…`.
              if (local) out.push(['', local + unit]);
              // The body and what must follow it, repeated: `\w+\.` over `a.a.a.…` without the end.
              if (next) out.push([prefix, unit + next]);
            }
          }
        }
        prefix += sample(item, flags, 0);
      }
    } else if (node.kind === 'repeat') walk(node.body, before);
  };
  walk(parse(regex.source), '');
  return out;
}

interface Input {
  prefix: string;
  unit: string;
  suffix: string;
}

function inputsFor(regex: RegExp): Input[] {
  const seen = new Set<string>();
  const inputs: Input[] = [];
  const add = (prefix: string, unit: string) => {
    for (const suffix of SUFFIXES) {
      const key = JSON.stringify([prefix, unit, suffix]);
      if (!seen.has(key)) {
        seen.add(key);
        inputs.push({ prefix, unit, suffix });
      }
    }
  };
  for (const unit of GENERIC_UNITS) add('', unit);
  for (const [prefix, unit] of pumps(regex)) if (prefix.length < 200 && unit.length <= 64) add(prefix, unit);
  return inputs;
}

/**
 * The timing runs in a worker thread, so that an exponential regex (which would never return)
 * is stopped: the worker announces each input before running it and is terminated when it
 * stays silent for HANG_MS. A regex runs the way the code may use it: `exec`/`test`, and for a
 * global regex also `replace` and `split` (every match).
 */
const WORKER = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', ({ source, flags, inputs, length, budget, stopAfter }) => {
  const regex = new RegExp(source, flags);
  let worst = { ms: -1, index: -1 };
  for (let k = 0; k < inputs.length; k++) {
    const { prefix, unit, suffix } = inputs[k];
    const bodyLength = Math.max(0, length - prefix.length);
    const text = prefix + unit.repeat(Math.ceil(bodyLength / unit.length)).slice(0, bodyLength) + suffix;
    parentPort.postMessage({ running: k });
    const time = () => {
      const t0 = performance.now();
      regex.lastIndex = 0;
      regex.exec(text);
      if (regex.global) {
        text.replace(regex, '');
        text.split(regex);
      }
      return performance.now() - t0;
    };
    let ms = time();
    // A slow run on a busy machine is measured twice more and the best run counts.
    for (let retry = 0; retry < 2 && ms > budget && ms <= stopAfter; retry++) ms = Math.min(ms, time());
    if (ms > worst.ms) worst = { ms, index: k };
    if (ms > stopAfter) break;
  }
  parentPort.postMessage({ done: worst });
});`;
const HANG_MS = 2_000;

interface Timing {
  ms: number;
  input: Input;
}

class Timer {
  private worker: Worker | undefined;

  async worst(regex: RegExp): Promise<Timing> {
    const inputs = inputsFor(regex);
    this.worker ??= new Worker(WORKER, { eval: true });
    const worker = this.worker;
    return new Promise<Timing>((resolve, reject) => {
      let running = 0;
      let timer: NodeJS.Timeout;
      const arm = () => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          worker.off('message', onMessage);
          worker.off('error', onError);
          this.worker = undefined;
          void worker.terminate();
          resolve({ ms: Infinity, input: inputs[running] });
        }, HANG_MS);
      };
      const onMessage = (m: { running?: number; done?: { ms: number; index: number } }) => {
        if (m.running !== undefined) {
          running = m.running;
          arm();
        } else if (m.done) {
          clearTimeout(timer);
          worker.off('message', onMessage);
          worker.off('error', onError);
          resolve({ ms: m.done.ms, input: inputs[m.done.index] });
        }
      };
      const onError = (e: Error) => {
        clearTimeout(timer);
        reject(e);
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      arm();
      worker.postMessage({ source: regex.source, flags: regex.flags, inputs, length: LENGTH, budget: BUDGET_MS, stopAfter: BUDGET_MS * 5 });
    });
  }

  async close() {
    await this.worker?.terminate();
    this.worker = undefined;
  }
}

const describeInput = (input: Input) => `${JSON.stringify(input.prefix)} + ${JSON.stringify(input.unit)}×n + ${JSON.stringify(input.suffix)}`;

// ---------------------------------------------------------------------------------------------

describe('regex safety', () => {
  const collected = collect();
  const timer = new Timer();
  after(() => timer.close());

  it('collects the regexes of server/src (literals and constructor calls)', () => {
    assert.ok(collected.filter((c) => c.regex).length > 200, `only ${collected.length} regexes found`);
  });

  it('no RegExp constructor receives anything but constants of its own file', () => {
    const problems = collected.filter((c) => c.problem).map((c) => `${c.where}: ${c.problem}`);
    assert.deepEqual(problems, []);
  });

  it('the constant checker refuses user text and accepts constants', () => {
    const check = (code: string) => {
      const file = ts.createSourceFile('x.ts', code, ts.ScriptTarget.Latest, true);
      let call: ts.NewExpression | undefined;
      const visit = (n: ts.Node) => {
        if (ts.isNewExpression(n)) call = n;
        ts.forEachChild(n, visit);
      };
      visit(file);
      try {
        return String(constantOf(call!.arguments![0], file));
      } catch (e) {
        if (e instanceof NotConstant) return undefined;
        throw e;
      }
    };
    assert.equal(check("const W = ['a', 'b'].join('|'); const R = new RegExp(`^(${W})$`, 'i');"), '^(a|b)$');
    assert.equal(check("function f(name: string) { return new RegExp(`\\\\$${name}\\\\b`); }"), undefined);
    assert.equal(check('function f(text: string) { const n = text; return new RegExp(n); }'), undefined);
    assert.equal(check("let w = 'a'; const r = new RegExp(w);"), undefined);
    assert.equal(check("import { W } from './w'; const r = new RegExp(W);"), undefined);
  });

  it('catches a planted exponential or quadratic regex (self-check)', async () => {
    for (const planted of [/(a+)+$/, /^(\w+\s?)*$/, /\{\{.*\}\}/, /^\s*(?:\S+\s*)*=$/, /\/+$/, /^hadolint ignore=([A-Z]+,?)+$/, /\beyJ[\w-]{10,}\.eyJ/, /\$\{(\w+)[-+]([^}]*)\}/g]) {
      const { ms, input } = await timer.worst(planted);
      assert.ok(ms > BUDGET_MS, `${planted} took only ${ms.toFixed(1)} ms on its worst input ${describeInput(input)}`);
    }
  });

  it(`every regex finishes within ${BUDGET_MS} ms on each adversarial ${LENGTH}-character input`, async () => {
    const results: (Collected & Timing & { regex: RegExp })[] = [];
    for (const c of collected) if (c.regex) results.push({ ...c, regex: c.regex, ...(await timer.worst(c.regex)) });
    results.sort((a, b) => b.ms - a.ms);
    const report = (r: (typeof results)[number]) => `${r.ms.toFixed(1)} ms  ${r.where}  ${r.regex}  on ${describeInput(r.input)}`;
    const slow = results.filter((r) => r.ms > BUDGET_MS).map(report);
    if (process.env.REGEX_SAFETY_VERBOSE) console.log(results.slice(0, 15).map(report).join('\n'));
    assert.deepEqual(slow, [], `super-linear regexes (worst first):\n${slow.join('\n')}`);
  });
});
