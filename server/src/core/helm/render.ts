/**
 * A tolerant, position-keeping Helm renderer. It turns a chart template into YAML text the
 * Kubernetes model can read, and remembers for every piece of that text where it came from:
 * the template's own text (offset for offset), an action of the template (its whole range),
 * or a value of a values file (that value's range there).
 *
 * What it knows: `.Values.x.y` (from the values files the caller passes, later files winning; with none, no value
 * is known),
 * `.Chart.Name`/`.Chart.Version`/`.Chart.AppVersion` (from Chart.yaml), a fixed release name,
 * variables, `if`/`with`/`range` over known values, `include` of named templates, and the
 * string functions charts use to build names and labels (`default`, `quote`, `trunc`, `printf`…).
 * Everything else is unknown: it renders as a placeholder that the YAML accessors treat as
 * "no value", so a rule never judges what it cannot know. A condition it cannot decide keeps
 * every branch (their content may be there); a block it cannot render becomes a placeholder
 * entry, so a map with it is never taken for one that lacks a key.
 *
 * Pure, and bounded: output size, include depth and range iterations are capped.
 */
import { isMap, isSeq, isScalar, isAlias, type Document, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { readDocument } from '../yaml-read';
import type { Range } from '../types';
import { SourceText } from '../source';
import { lex, parseTokens, parsePipeline, type Pipeline, type Term, type TreeNode } from './lexer';
import { HELM_UNKNOWN } from '../kubernetes/yaml-nodes';

export { HELM_UNKNOWN };

/** A values file (values.yaml, then each --values file). */
export interface ValuesInput {
  uri: string;
  text: string;
  /**
   * For a subchart, a part of its parent's values file: the map at `from` in that file is what the subchart sees at
   * `to` (`from: ['web-application'], to: []` for the section Helm hands to the subchart of that name or alias;
   * `from: ['global'], to: ['global']` for the globals). Undefined: the whole file, at the root.
   */
  from?: readonly string[];
  to?: readonly string[];
}

/** What a template needs from its chart; the caller reads the files. */
export interface HelmChartContext {
  /** Chart.yaml's text, when the chart has one. */
  chartText?: string;
  /** values.yaml first, then override files in the order given; later ones win. */
  values: readonly ValuesInput[];
  /** The text of every `.tpl` file under `templates/` (named templates). */
  helpers: readonly string[];
}

export interface Origin {
  uri: string;
  range: Range;
}

/** One piece of the rendered text and where it came from. */
export interface Segment {
  outStart: number;
  outEnd: number;
  /** Template offset of the piece's first character, for text copied from the template. */
  src?: number;
  /** The template action that produced the piece. */
  action?: [number, number];
  /** The values-file value the piece shows. */
  origin?: Origin;
}

export interface RenderResult {
  text: string;
  segments: Segment[];
  /** Why the template could not be read at all; `text` is empty then. */
  error?: string;
  /** The values files that did not parse (their values are unknown). */
  badValues: string[];
  /** Functions the template calls that the renderer does not evaluate (their results are unknown), sorted. */
  unevaluated?: string[];
  /**
   * Named templates that `include` or `template` names and no file of the chart defines, in the order met; empty unless
   * the chart is known to hold them all (Chart.yaml v2 without dependencies, every helpers file read).
   */
  undefinedTemplates?: string[];
}

class TooDynamic extends Error {}

interface Piece {
  text: string;
  src?: number;
  action?: [number, number];
  origin?: Origin;
  /** A block the renderer could not produce: becomes a placeholder entry fitting its place. */
  unknownBlock?: true;
}

type Val =
  | { k: 'u' }
  | { k: 'root' }
  /** `raw`: text already written as YAML (`quote` output), printed as is. */
  | { k: 'v'; v: unknown; path?: (string | number)[]; origin?: Origin; raw?: true }
  | { k: 'p'; pieces: Piece[] };

const UNKNOWN: Val = { k: 'u' };

/** The entries of a map made by `dict`, as the values they were given (see the `dict` case of Renderer.call). */
const DICT_ENTRIES = Symbol('dict entries');

function dictEntries(v: unknown): Map<string, Val> | undefined {
  return v !== null && typeof v === 'object' ? (v as { [DICT_ENTRIES]?: Map<string, Val> })[DICT_ENTRIES] : undefined;
}

/** The items of a list made by `list` or `tuple`, as the values they were given (see the `list` case of Renderer.call). */
const LIST_ITEMS = Symbol('list items');

function listItems(v: unknown[]): readonly Val[] | undefined {
  return (v as { [LIST_ITEMS]?: readonly Val[] })[LIST_ITEMS];
}
const MAX_DEPTH = 24;
const MAX_ITERATIONS = 200;
/** The objects Helm puts at the root of a template's data (`.Values`, `.Release` and the others). */
const ROOT_OBJECTS: ReadonlySet<string> = new Set(['Values', 'Chart', 'Release', 'Capabilities', 'Files', 'Template', 'Subcharts']);

const RELEASE_NAME = 'release-name';

interface LoadedValues {
  uri: string;
  doc: Document;
  source: SourceText;
  /** See ValuesInput: where the chart's values path `to…` is found in the file (`from…`). */
  from: readonly string[];
  to: readonly string[];
}

/** The node a chart's values path names in one loaded file, if the file reaches it (see ValuesInput's from and to). */
function nodeInFile(file: LoadedValues, path: (string | number)[]): Node | undefined {
  if (file.to.length > path.length || file.to.some((step, i) => String(path[i]) !== step)) return undefined;
  return nodeAtPath(file.doc, [...file.from, ...path.slice(file.to.length)]);
}

interface Scope {
  dot: Val;
  vars: Map<string, Val>;
}

export function renderTemplate(templateText: string, context: HelmChartContext): RenderResult {
  const renderer = new Renderer(templateText, context);
  return renderer.run();
}

class Renderer {
  private readonly values: LoadedValues[] = [];
  private readonly badValues: string[] = [];
  private readonly unevaluated = new Set<string>();
  private readonly undefinedTemplates = new Set<string>();
  /** Whether the chart's own files hold every named template it can use (its Chart.yaml, read below). */
  private definesKnown = false;
  private helpersUnread = false;
  private valuesUnknown = false;
  private merged: unknown = {};
  private readonly chart: Record<string, unknown> = {};
  private readonly defines = new Map<string, TreeNode[]>();
  private budget: number;
  private depth = 0;

  constructor(private readonly templateText: string, context: HelmChartContext) {
    this.budget = templateText.length * 8 + 500_000;
    // A chart without a values file is rendered with the values its user supplies (DocSpring's chart ships only a
    // values.example.yaml to copy): none of them is known, not empty.
    if (context.values.length === 0) this.valuesUnknown = true;
    for (const file of context.values) {
      // Values are read as plain data (toJS), which expands `<<` merge keys only with the package's merge option,
      // as Helm does. (Manifests are read through our own accessors instead: see YAML_PARSE_OPTIONS.)
      const doc = readDocument(file.text, { uniqueKeys: false, strict: false, merge: true });
      if (doc.errors.length > 0) {
        this.badValues.push(file.uri);
        this.valuesUnknown = true;
        continue;
      }
      const from = file.from ?? [];
      const to = file.to ?? [];
      this.values.push({ uri: file.uri, doc, source: new SourceText(file.uri, file.text), from, to });
      let part = safeJs(doc);
      for (const step of from) part = part && typeof part === 'object' && !Array.isArray(part) ? (part as Record<string, unknown>)[step] : undefined;
      // A section the parent does not write (or writes as a scalar) gives the subchart nothing.
      if (part === undefined || part === null || typeof part !== 'object' || Array.isArray(part)) continue;
      for (let i = to.length - 1; i >= 0; i--) part = { [to[i]]: part };
      this.merged = deepMerge(this.merged, part);
    }
    if (context.chartText) {
      try {
        const chart = safeJs(readDocument(context.chartText, { uniqueKeys: false, strict: false }));
        if (chart && typeof chart === 'object') {
          const c = chart as Record<string, unknown>;
          if (typeof c.name === 'string') this.chart.Name = c.name;
          if (c.version !== undefined) this.chart.Version = String(c.version);
          if (c.appVersion !== undefined) this.chart.AppVersion = String(c.appVersion);
          // A v2 chart that declares no dependencies has every define in its own files (a v1 chart lists them in
          // requirements.yaml, not read here; a declared one may be unpacked only by `helm dependency build`).
          this.definesKnown = c.apiVersion === 'v2' && !(Array.isArray(c.dependencies) && c.dependencies.length > 0);
        }
      } catch {
        // an unreadable Chart.yaml leaves .Chart unknown
      }
    }
    for (const helper of context.helpers) {
      const lexed = lex(helper);
      const parsed = lexed.error ? undefined : parseTokens(lexed.tokens);
      // A helpers file that does not read may define any name: none is then said to be undefined.
      if (!parsed || parsed.error) this.helpersUnread = true;
      if (parsed) for (const [name, body] of parsed.defines) this.define(name, body, true);
    }
  }

  /**
   * Records a named template. As Go's text/template does, a definition with an empty body (whitespace only) never
   * replaces one that exists: Book-U-Love's `_service_serviceaccount.tpl` ends with an empty `define "service.service"`
   * beside the real one. Otherwise a later definition replaces an earlier one when `replace` (the helpers, read in
   * order), and a template's own definitions do not replace the helpers'.
   */
  private define(name: string, body: TreeNode[], replace: boolean): void {
    const existing = this.defines.get(name);
    if (existing && (!replace || isEmptyBody(body))) {
      if (isEmptyBody(existing) && !isEmptyBody(body)) this.defines.set(name, body);
      return;
    }
    this.defines.set(name, body);
  }

  run(): RenderResult {
    const lexed = lex(this.templateText);
    if (lexed.error) return { text: '', segments: [], error: lexed.error, badValues: this.badValues };
    const parsed = parseTokens(lexed.tokens);
    if (parsed.error) return { text: '', segments: [], error: parsed.error, badValues: this.badValues };
    for (const [name, body] of parsed.defines) this.define(name, body, false);
    const out: Piece[] = [];
    try {
      this.renderNodes(parsed.nodes, { dot: { k: 'root' }, vars: new Map([['', { k: 'root' } as Val]]) }, out, true);
    } catch (error) {
      if (error instanceof TooDynamic) return { text: '', segments: [], error: error.message, badValues: this.badValues };
      throw error;
    }
    let text = '';
    const segments: Segment[] = [];
    for (const piece of out) {
      if (!piece.text) continue;
      segments.push({ outStart: text.length, outEnd: text.length + piece.text.length, src: piece.src, action: piece.action, origin: piece.origin });
      text += piece.text;
    }
    return { text, segments, badValues: this.badValues, unevaluated: [...this.unevaluated].sort(), undefinedTemplates: this.definesKnown && !this.helpersUnread ? [...this.undefinedTemplates] : [] };
  }

  private spend(n: number): void {
    this.budget -= n;
    if (this.budget < 0) throw new TooDynamic('the template renders to far more text than it holds');
  }

  private renderNodes(nodes: readonly TreeNode[], scope: Scope, out: Piece[], own: boolean): void {
    for (const node of nodes) {
      switch (node.kind) {
        case 'text':
          this.spend(node.token.text.length);
          out.push({ text: node.token.text, src: own ? node.token.start : undefined });
          break;
        case 'action':
          this.renderAction(node.token.body, node.token.start, node.token.end, scope, out, own, node.token.endsLine);
          break;
        case 'if':
        case 'with': {
          // Each branch that may render is rendered after the text before the `if` (not after another branch), then
          // the alternatives are put together (see keepAlternatives).
          const alternatives: Piece[][] = [];
          const render = (body: readonly TreeNode[], inner: Scope) => {
            const start = out.length;
            this.renderNodes(body, inner, out, own);
            alternatives.push(out.splice(start));
          };
          let decided = false;
          for (const branch of node.branches) {
            const pipe = parsePipeline(branch.cond);
            const value = pipe ? this.evalPipeline(pipe, scope) : UNKNOWN;
            const truth = truthy(value);
            const inner: Scope = { dot: node.kind === 'with' ? value : scope.dot, vars: new Map(scope.vars) };
            if (pipe?.decl.length) inner.vars.set(pipe.decl[0], value);
            if (truth === true) {
              render(branch.body, inner);
              decided = true;
              break;
            }
            // Unknown: the branch may render; keep it and go on with the others.
            if (truth === undefined) render(branch.body, inner);
          }
          if (!decided && node.otherwise) render(node.otherwise, scope);
          keepAlternatives(alternatives, out);
          break;
        }
        case 'range': {
          const pipe = parsePipeline(node.expr);
          const value = pipe ? this.evalPipeline(pipe, scope) : UNKNOWN;
          const decl = pipe?.decl ?? [];
          const items = value.k === 'v' ? entriesOf(value, (path) => this.valueAt(path)) : undefined;
          if (!items) {
            const inner: Scope = { dot: UNKNOWN, vars: new Map(scope.vars) };
            for (const name of decl) inner.vars.set(name, UNKNOWN);
            this.renderNodes(node.body, inner, out, own);
            break;
          }
          if (items.length === 0) {
            if (node.otherwise) this.renderNodes(node.otherwise, scope, out, own);
            break;
          }
          if (items.length > MAX_ITERATIONS) throw new TooDynamic('a `range` runs over too many items');
          for (const [key, item] of items) {
            const inner: Scope = { dot: item, vars: new Map(scope.vars) };
            if (decl.length === 1) inner.vars.set(decl[0], item);
            if (decl.length === 2) {
              inner.vars.set(decl[0], { k: 'v', v: key });
              inner.vars.set(decl[1], item);
            }
            this.renderNodes(node.body, inner, out, own);
          }
          break;
        }
      }
    }
  }

  private renderAction(body: string, start: number, end: number, scope: Scope, out: Piece[], own: boolean, endsLine = true): void {
    const pipe = parsePipeline(body);
    const value = pipe ? this.evalPipeline(pipe, scope) : UNKNOWN;
    if (pipe?.decl.length) {
      // `$x := …` declares, `$x = …` assigns; neither prints.
      scope.vars.set(pipe.decl[0], value);
      return;
    }
    const action: [number, number] | undefined = own ? [start, end] : undefined;
    const line = currentLine(out);
    // Alone on its line: only blanks before it in the output and after it where it is written (a named template's too).
    const alone = /^[ \t]*$/.test(line) && endsLine;
    let pieces: Piece[];
    if (value.k === 'p') pieces = value.pieces;
    else if (value.k === 'v' && isScalarValue(value.v)) {
      const text = scalarText(value.v);
      // Alone on its line, the text is a YAML fragment (an include's lines): written as is.
      if (alone) pieces = [{ text, origin: text.includes('\n') ? undefined : value.origin }];
      // Text that starts on a line of its own (a named template whose body begins with a line break, after a trimmed
      // `{{- include }}` on a line that holds a key) is written as Helm writes it: the line keeps what it holds and the
      // fragment's lines follow. Other multi-line text would split the line's scalar: unknown.
      else if (text.includes('\n')) pieces = startsOwnLine(text) && !openQuote(line) ? [{ text }] : [{ text: HELM_UNKNOWN }];
      else pieces = [{ text: value.raw && !openQuote(line) ? text : fitScalar(text, line), origin: value.origin }];
    } else if (value.k === 'v' && !alone && !openQuote(line) && goListText(value.v) !== undefined) {
      // A list printed in a line as Go prints it (`command: {{ .Values.command }}` gives `command: [rake db:migrate]`, one
      // item): what the cluster receives.
      pieces = [{ text: goListText(value.v)! }];
    } else if (alone) pieces = [{ text: '', unknownBlock: true }];
    else pieces = [{ text: HELM_UNKNOWN }];
    for (const piece of pieces) {
      let text = piece.text;
      if (piece.unknownBlock) {
        const indentNow = /^[ \t]*/.exec(currentLine(out))?.[0] ?? '';
        const seq = looksLikeSequence(out, indentNow.length, own ? this.templateText.slice(end, end + 600) : '');
        text = seq ? `- ${HELM_UNKNOWN}` : `${HELM_UNKNOWN}: ${HELM_UNKNOWN}`;
      }
      this.spend(text.length);
      out.push({ text, action: action ?? piece.action, src: undefined, origin: piece.origin });
    }
  }

  // ---- evaluation ----

  private evalPipeline(pipe: Pipeline, scope: Scope): Val {
    let value: Val | undefined;
    for (const command of pipe.commands) value = this.evalCommand(command, scope, value);
    return value ?? UNKNOWN;
  }

  private evalCommand(command: Term[], scope: Scope, piped: Val | undefined): Val {
    const [head, ...rest] = command;
    if (head.t === 'ident') {
      const args = rest.map((t) => this.evalTerm(t, scope));
      if (piped) args.push(piped);
      return this.call(head.name, args, scope);
    }
    if (rest.length > 0 || piped) return UNKNOWN;
    return this.evalTerm(head, scope);
  }

  private evalTerm(term: Term, scope: Scope): Val {
    switch (term.t) {
      case 'str':
      case 'num':
      case 'bool':
        return { k: 'v', v: term.v };
      case 'nil':
        return { k: 'v', v: null };
      case 'sub':
        return this.evalPipeline(term.pipe, scope);
      case 'ident':
        return this.call(term.name, [], scope);
      case 'field': {
        const base = term.var === undefined ? scope.dot : term.var === '' ? ({ k: 'root' } as Val) : scope.vars.get(term.var);
        return base ? this.field(base, term.path) : UNKNOWN;
      }
    }
  }

  private field(base: Val, path: string[]): Val {
    if (path.length === 0) return base;
    if (base.k === 'root') {
      const [head, ...rest] = path;
      if (head === 'Values') return this.valueAt(rest);
      if (head === 'Chart' && rest.length === 1 && this.chart[rest[0]] !== undefined) return { k: 'v', v: this.chart[rest[0]] };
      if (head === 'Release' && rest.length === 1 && rest[0] === 'Name') return { k: 'v', v: RELEASE_NAME };
      if (head === 'Release' && rest.length === 1 && rest[0] === 'Service') return { k: 'v', v: 'Helm' };
      // The root holds Helm's built-in objects only: any other field of it is nil in Helm (`.resources` written where
      // `.Values.worker.resources` was meant, outside any `with`: ietf-tools/mailarchive's worker renders no requests).
      return ROOT_OBJECTS.has(head) ? UNKNOWN : { k: 'v', v: null };
    }
    if (base.k !== 'v') return UNKNOWN;
    if (base.path) return this.valueAt([...base.path, ...path]);
    const entries = dictEntries(base.v);
    if (entries) {
      const entry = entries.get(path[0]);
      return entry ? this.field(entry, path.slice(1)) : { k: 'v', v: null };
    }
    let current: unknown = base.v;
    for (const step of path) {
      if (current === null || current === undefined) return { k: 'v', v: null };
      if (typeof current !== 'object' || Array.isArray(current)) return UNKNOWN;
      current = (current as Record<string, unknown>)[step];
    }
    return { k: 'v', v: current ?? null };
  }

  /** `.Values.<path>`: the merged value, and where it is written when one file sets it. */
  private valueAt(path: (string | number)[]): Val {
    if (this.valuesUnknown) return UNKNOWN;
    let current: unknown = this.merged;
    for (const step of path) {
      if (current === null || current === undefined) return { k: 'v', v: null, path };
      if (typeof current !== 'object') return UNKNOWN;
      current = (current as Record<string, unknown>)[step as string];
    }
    let origin: Origin | undefined;
    if (isScalarValue(current)) {
      for (let i = this.values.length - 1; i >= 0 && !origin; i--) {
        const file = this.values[i];
        const node = nodeInFile(file, path);
        if (node?.range) origin = { uri: file.uri, range: file.source.rangeOf(node.range[0], node.range[1]) };
      }
    }
    return { k: 'v', v: current ?? null, path, origin };
  }

  private call(name: string, args: Val[], scope: Scope): Val {
    const known = args.every((a) => a.k === 'v');
    const str = (a: Val) => (a.k === 'v' ? scalarText(a.v) : '');
    const last = args[args.length - 1];
    const keepOrigin = (v: unknown): Val => ({ k: 'v', v, origin: last?.k === 'v' ? last.origin : undefined });
    switch (name) {
      case 'include':
      case 'template': {
        const [nameArg, arg] = args;
        if (nameArg?.k !== 'v' || typeof nameArg.v !== 'string') return UNKNOWN;
        const body = this.defines.get(nameArg.v);
        if (!body) {
          this.undefinedTemplates.add(nameArg.v);
          return UNKNOWN;
        }
        if (++this.depth > MAX_DEPTH) throw new TooDynamic('named templates include each other too deeply');
        try {
          const out: Piece[] = [];
          this.renderNodes(body, { dot: arg ?? UNKNOWN, vars: new Map([['', { k: 'root' } as Val]]) }, out, false);
          if (out.some((p) => p.unknownBlock)) return UNKNOWN;
          const single = out.filter((p) => p.text);
          // A define that is one value (a name, a version) stays that value, with its origin.
          if (single.length === 1 && single[0].origin && !single[0].text.includes(HELM_UNKNOWN)) return { k: 'v', v: single[0].text, origin: single[0].origin };
          const text = out.map((p) => p.text).join('');
          if (text.includes(HELM_UNKNOWN) && !text.includes('\n')) return UNKNOWN;
          return out.some((p) => p.origin) ? { k: 'p', pieces: out } : { k: 'v', v: text };
        } finally {
          this.depth--;
        }
      }
      case 'toYaml': {
        const [v] = args;
        if (v?.k !== 'v') return UNKNOWN;
        return { k: 'p', pieces: this.toYaml(v) };
      }
      case 'toJson':
      case 'toRawJson':
      case 'toPrettyJson': {
        const [v] = args;
        if (args.length !== 1 || v.k !== 'v') return UNKNOWN;
        return { k: 'v', v: goJson(v.v, name), raw: true };
      }
      case 'dict': {
        // Sprig's dict: key-value pairs, keys as strings; an odd count leaves the last key with an empty value. Each
        // entry is also kept as the value it was given (DICT_ENTRIES), so that `include "img" (dict "image" .Values.image
        // "context" $)` reads `.image.tag` with its place in the values file and `.context.Values` as the root.
        if (args.some((a, i) => i % 2 === 0 && (a.k !== 'v' || typeof a.v !== 'string'))) return UNKNOWN;
        const map: Record<string, unknown> = {};
        const entries = new Map<string, Val>();
        for (let i = 0; i < args.length; i += 2) {
          const key = str(args[i]);
          const value = i + 1 < args.length ? args[i + 1] : ({ k: 'v', v: '' } as Val);
          entries.set(key, value);
          // A whole-map reader (`toYaml`, `range`) sees an entry it cannot know as the unknown placeholder.
          map[key] = value.k === 'v' ? value.v : HELM_UNKNOWN;
        }
        Object.defineProperty(map, DICT_ENTRIES, { value: entries, enumerable: false });
        return { k: 'v', v: map };
      }
      case 'list':
      case 'tuple': {
        // Sprig's list (`tuple` is its older name). Each item is also kept as the value it was given (LIST_ITEMS), so
        // that cert-manager's `include "image" (tuple .Values.image $.Chart.AppVersion)` reads `index . 0` as the image's
        // values, with their places in the values file.
        const items = args.map((a) => (a.k === 'v' ? a.v : HELM_UNKNOWN));
        Object.defineProperty(items, LIST_ITEMS, { value: args, enumerable: false });
        return { k: 'v', v: items };
      }
      case 'index': {
        // Go's index: each key in turn, a map's key (a missing one gives nil) or a list's position.
        let current: Val = args[0] ?? UNKNOWN;
        for (const key of args.slice(1)) {
          if (current.k !== 'v' || key.k !== 'v') return UNKNOWN;
          current = this.indexInto(current, key.v);
        }
        return current;
      }
      case 'urlParse': {
        const [url] = args;
        const parsed = args.length === 1 && url.k === 'v' && typeof url.v === 'string' ? parseUrl(url.v) : undefined;
        return parsed ? { k: 'v', v: parsed } : UNKNOWN;
      }
      case 'nindent':
      case 'indent': {
        const [n, v] = args;
        if (n?.k !== 'v' || typeof n.v !== 'number' || !v) return UNKNOWN;
        const pad = ' '.repeat(Math.min(n.v, 200));
        const lead = name === 'nindent' ? `\n${pad}` : pad;
        // `indent` pads the first line too: an unknown block it writes starts at that column.
        if (v.k === 'u' || v.k === 'root') return { k: 'p', pieces: [{ text: lead }, { text: '', unknownBlock: true }] };
        const pieces = v.k === 'p' ? v.pieces : [{ text: scalarText(v.v), origin: v.origin }];
        return { k: 'p', pieces: [{ text: lead }, ...pieces.map((p) => ({ ...p, text: p.text.split('\n').join(`\n${pad}`) }))] };
      }
      case 'default': {
        if (args.length < 2) return UNKNOWN;
        const [fallback, v] = args;
        if (v.k !== 'v') return UNKNOWN;
        return isEmpty(v.v) ? fallback : v;
      }
      case 'required':
        return last ?? UNKNOWN;
      // Sprig's b64enc: the standard base64 of the text's UTF-8 bytes (a Secret's `data: {pw: {{ .Values.pw | b64enc }}}`).
      case 'b64enc':
        if (!known || args.length !== 1) return UNKNOWN;
        return keepOrigin(base64Of(str(last)));
      case 'quote':
      case 'squote':
        if (!known || args.length !== 1) return UNKNOWN;
        return { ...keepOrigin(name === 'quote' ? JSON.stringify(str(last)) : `'${str(last).split("'").join("''")}'`), raw: true } as Val;
      case 'toString':
      case 'trim':
      case 'lower':
      case 'upper':
        // `toYaml .Values.probe | trim | nindent 4`: the written lines, blanks cut from both ends, each piece keeping its origin.
        if (name === 'trim' && args.length === 1 && last.k === 'p') return { k: 'p', pieces: trimPieces(last.pieces) };
        if (!known || args.length !== 1) return UNKNOWN;
        return keepOrigin(name === 'trim' ? str(last).trim() : name === 'lower' ? str(last).toLowerCase() : name === 'upper' ? str(last).toUpperCase() : str(last));
      case 'trunc':
        if (!known || args.length !== 2 || typeof (args[0] as { v: unknown }).v !== 'number') return UNKNOWN;
        return keepOrigin(str(last).slice(0, (args[0] as { v: number }).v));
      case 'trimSuffix':
      case 'trimPrefix': {
        if (!known || args.length !== 2) return UNKNOWN;
        const affix = str(args[0]);
        const s = str(last);
        if (name === 'trimSuffix') return keepOrigin(affix && s.endsWith(affix) ? s.slice(0, -affix.length) : s);
        return keepOrigin(affix && s.startsWith(affix) ? s.slice(affix.length) : s);
      }
      case 'replace':
        if (!known || args.length !== 3) return UNKNOWN;
        return keepOrigin(str(args[0]) ? str(last).split(str(args[0])).join(str(args[1])) : str(last));
      // Go's fmt.Sprint: a space only between two operands neither of which is a string; Sprintln: between every
      // two, and a newline after (Book-U-Love's `print .metadata.org "/" .metadata.name ":" .metadata.version`).
      case 'print':
      case 'println': {
        if (!known) return UNKNOWN;
        const isString = (a: Val | undefined) => a?.k === 'v' && typeof a.v === 'string';
        let text = '';
        args.forEach((a, i) => {
          if (i > 0 && (name === 'println' || (!isString(args[i - 1]) && !isString(a)))) text += ' ';
          text += str(a);
        });
        return { k: 'v', v: name === 'println' ? `${text}\n` : text };
      }
      case 'printf': {
        if (!known || args.length === 0) return UNKNOWN;
        let i = 1;
        let ok = true;
        const text = str(args[0]).replace(/%[sdv%]/g, (m) => {
          if (m === '%%') return '%';
          if (i >= args.length) ok = false;
          return str(args[i++] ?? UNKNOWN);
        });
        return ok ? { k: 'v', v: text } : UNKNOWN;
      }
      case 'not': {
        const t = args.length === 1 ? truthy(args[0]) : undefined;
        return t === undefined ? UNKNOWN : { k: 'v', v: !t };
      }
      case 'and':
      case 'or': {
        let sawUnknown = false;
        for (const a of args) {
          const t = truthy(a);
          if (t === undefined) sawUnknown = true;
          else if (name === 'and' ? !t : t) return a;
        }
        return sawUnknown || args.length === 0 ? UNKNOWN : args[args.length - 1];
      }
      case 'eq':
      case 'ne': {
        if (!known || args.length < 2) return UNKNOWN;
        const first = JSON.stringify((args[0] as { v: unknown }).v);
        const equal = args.slice(1).some((a) => JSON.stringify((a as { v: unknown }).v) === first);
        return { k: 'v', v: name === 'eq' ? equal : !equal };
      }
      case 'empty': {
        const t = args.length === 1 ? truthy(args[0]) : undefined;
        return t === undefined ? UNKNOWN : { k: 'v', v: !t };
      }
      case 'hasKey': {
        const [map, key] = args;
        if (map?.k !== 'v' || key?.k !== 'v' || !map.v || typeof map.v !== 'object') return UNKNOWN;
        return { k: 'v', v: Object.prototype.hasOwnProperty.call(map.v, String(key.v)) };
      }
      case 'int':
      case 'int64':
      case 'float64': {
        // Sprig's conversions: a number as it is (truncated for int), a numeric string read, anything else 0.
        if (!known || args.length !== 1) return UNKNOWN;
        const v = (last as { v: unknown }).v;
        const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : typeof v === 'boolean' ? Number(v) : 0;
        return keepOrigin(name === 'float64' ? n : Math.trunc(n));
      }
      case 'len': {
        if (!known || args.length !== 1) return UNKNOWN;
        const v = (last as { v: unknown }).v;
        if (typeof v === 'string' || Array.isArray(v)) return { k: 'v', v: v.length };
        if (isPlainObject(v)) return { k: 'v', v: Object.keys(v).length };
        return v === null || v === undefined ? { k: 'v', v: 0 } : UNKNOWN;
      }
      case 'gt':
      case 'lt':
      case 'ge':
      case 'le': {
        // Go's comparisons of two numbers (charts write `gt (int .Values.replicas) 1`); anything else is not decided.
        if (!known || args.length !== 2) return UNKNOWN;
        const [a, b] = args.map((x) => (x as { v: unknown }).v);
        if (typeof a !== 'number' || typeof b !== 'number') return UNKNOWN;
        return { k: 'v', v: name === 'gt' ? a > b : name === 'lt' ? a < b : name === 'ge' ? a >= b : a <= b };
      }
      case 'typeOf':
      case 'kindOf':
      case 'kindIs': {
        // Go's type of a value as Helm reads values (YAML through JSON: numbers are float64); a literal number's type
        // depends on how the template writes it, so only numbers of the values are decided.
        const v = last;
        if (v?.k !== 'v' || args.length !== (name === 'kindIs' ? 2 : 1)) return UNKNOWN;
        const kind = goKindOf(v.v, v.path !== undefined);
        if (kind === undefined) return UNKNOWN;
        if (name === 'kindIs') return args[0].k === 'v' ? { k: 'v', v: scalarText(args[0].v) === kind } : UNKNOWN;
        if (name === 'kindOf') return { k: 'v', v: kind };
        return { k: 'v', v: kind === 'map' ? 'map[string]interface {}' : kind === 'slice' ? '[]interface {}' : kind === 'invalid' ? '<nil>' : kind };
      }
      case 'join': {
        // Sprig's `join sep list`: the items' texts between separators (a list of scalars only).
        const [sep, list] = args;
        if (sep?.k !== 'v' || list?.k !== 'v' || !Array.isArray(list.v) || !list.v.every((item) => isScalarValue(item) && item !== null && item !== undefined)) return UNKNOWN;
        return { k: 'v', v: list.v.map((item) => scalarText(item)).join(scalarText(sep.v)) };
      }
      case 'contains':
        if (!known || args.length !== 2) return UNKNOWN;
        return { k: 'v', v: str(last).includes(str(args[0])) };
      case 'ternary': {
        if (args.length !== 3) return UNKNOWN;
        const t = truthy(args[2]);
        return t === undefined ? UNKNOWN : t ? args[0] : args[1];
      }
      case 'coalesce': {
        for (const a of args) {
          const t = truthy(a);
          if (t === undefined) return UNKNOWN;
          if (t) return a;
        }
        return { k: 'v', v: null };
      }
      default:
        void scope;
        this.unevaluated.add(name);
        return UNKNOWN;
    }
  }

  /** One step of `index`: a list's item at a position, or a map's entry (nil when the map has no such key). */
  private indexInto(base: { k: 'v'; v: unknown; path?: (string | number)[] }, key: unknown): Val {
    const { v } = base;
    if (Array.isArray(v)) {
      // A position outside the list is an error in Helm.
      if (typeof key !== 'number' || !Number.isInteger(key) || key < 0 || key >= v.length) return UNKNOWN;
      const item = listItems(v)?.[key];
      if (item) return item;
      return base.path ? this.valueAt([...base.path, key]) : { k: 'v', v: v[key] ?? null };
    }
    if (!isPlainObject(v) || typeof key !== 'string') return UNKNOWN;
    const entries = dictEntries(v);
    if (entries) return entries.get(key) ?? { k: 'v', v: null };
    return base.path ? this.valueAt([...base.path, key]) : { k: 'v', v: (v as Record<string, unknown>)[key] ?? null };
  }

  /** `toYaml` of a value, each scalar mapped to where the values file writes it when known. */
  private toYaml(v: { k: 'v'; v: unknown; path?: (string | number)[] }): Piece[] {
    const out: Piece[] = [];
    const sources: Placed[] = [];
    for (const file of v.path ? this.values : []) {
      const node = nodeInFile(file, v.path!);
      if (node !== undefined) sources.push({ file, node });
    }
    emitYaml(v.v, sources, 0, out);
    if (out.length > 0 && out[out.length - 1].text === '\n') out.pop();
    this.spend(out.reduce((n, p) => n + p.text.length, 0));
    return out;
  }

}

// ---- helpers ----

/**
 * Sprig's `urlParse`: the parts Go's net/url finds in a URL (`scheme`, `host` with its port, `hostname`, `path`,
 * `query`, `fragment`, `userinfo`, `opaque`), for the forms charts write (`https://user@host:8443/path?q#f`, `/path`,
 * `mailto:…`); undefined for text Go would refuse or read otherwise (a colon in a first path segment, a bad escape).
 */
function parseUrl(text: string): Record<string, string> | undefined {
  const hash = text.indexOf('#');
  const beforeFragment = hash >= 0 ? text.slice(0, hash) : text;
  const question = beforeFragment.indexOf('?');
  let rest = question >= 0 ? beforeFragment.slice(0, question) : beforeFragment;
  const out: Record<string, string> = { scheme: '', host: '', hostname: '', path: '', query: question >= 0 ? beforeFragment.slice(question + 1) : '', opaque: '', fragment: '', userinfo: '' };
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(rest);
  if (scheme) {
    out.scheme = scheme[1].toLowerCase();
    rest = rest.slice(scheme[0].length);
    if (!rest.startsWith('/')) {
      out.opaque = rest;
      rest = '';
    }
  } else if (rest.split('/')[0].includes(':')) return undefined;
  if (rest.startsWith('//')) {
    const slash = rest.indexOf('/', 2);
    const authority = slash >= 0 ? rest.slice(2, slash) : rest.slice(2);
    rest = slash >= 0 ? rest.slice(slash) : '';
    const at = authority.lastIndexOf('@');
    if (at >= 0) out.userinfo = authority.slice(0, at);
    out.host = authority.slice(at + 1);
    const bracket = out.host.startsWith('[') ? out.host.indexOf(']') : -1;
    const colon = out.host.lastIndexOf(':');
    out.hostname = bracket > 0 ? out.host.slice(1, bracket) : colon >= 0 && /^:\d*$/.test(out.host.slice(colon)) ? out.host.slice(0, colon) : out.host;
  }
  try {
    out.path = decodeURIComponent(rest);
    out.fragment = hash >= 0 ? decodeURIComponent(text.slice(hash + 1)) : '';
  } catch {
    return undefined;
  }
  return out;
}

/** A line holding one `key: value` (the key as YAML writes it plainly), with its indent and any `- ` that opens a list item. */
const ONE_ENTRY = /^([ \t]*(?:-[ \t]+)?)([A-Za-z0-9_.\/-]+):(?:[ \t][^\n]*)?$/;

/**
 * Puts together what the branches of an `if` that could not be decided may render. One alternative, or several
 * that read the same, is written as it is. Alternatives of one line each are one value Helm picks among: the same
 * key with different values (`apiVersion: apps/v1` or `apps/v1beta1`, chosen by `.Capabilities`; also opening a list
 * item, `- apiVersion: ...`) is that key with an unknown value, and bare values (a named template that prints a version) are one unknown value; written one
 * after the other they would read as a repeated key or a value glued to another (`apps/v1apps/v1beta1`). Otherwise
 * every alternative is kept, each starting on a line of its own (`{{- else -}}` trims the line break between them).
 */
function keepAlternatives(alternatives: Piece[][], out: Piece[]): void {
  const texts = alternatives.map((a) => a.map((p) => p.text).join(''));
  if (alternatives.length <= 1 || texts.every((t) => t === texts[0])) {
    if (alternatives[0]) out.push(...alternatives[0]);
    return;
  }
  const cores = texts.map((t) => t.replace(/^\n+/, '').trimEnd());
  if (cores.every((c) => !c.includes('\n'))) {
    const lead = /^\n*/.exec(texts[0])?.[0] ?? '';
    // The line break that ends an untrimmed `{{ if }}a: 1\n{{ else }}a: 2\n{{ end }}` stays, or the next line would be glued on.
    const trail = texts[0].slice(texts[0].trimEnd().length);
    const entries = cores.map((c) => ONE_ENTRY.exec(c));
    const first = entries[0];
    // The same key, also as the first key of one list item (`- apiVersion: batch/v1` or `- apiVersion: batch/v1beta1`).
    if (first && entries.every((e) => e && e[2] === first[2] && e[1].includes('-') === first[1].includes('-'))) {
      out.push({ text: `${lead}${first[1]}${first[2]}: ${HELM_UNKNOWN}${trail}`, action: alternatives[0].find((p) => p.action)?.action });
      return;
    }
    if (entries.every((e) => !e) && cores.every((c) => c !== '' && !/^\s*-\s/.test(c))) {
      out.push({ text: `${lead}${/^[ \t]*/.exec(cores[0])?.[0] ?? ''}${HELM_UNKNOWN}${trail}` });
      return;
    }
  }
  alternatives.forEach((alternative, i) => {
    if (i > 0 && !texts[i - 1].endsWith('\n') && !texts[i].startsWith('\n') && texts[i - 1] !== '' && texts[i] !== '') out.push({ text: '\n' });
    out.push(...alternative);
  });
}

/** True when `text` begins with a line holding only blanks (its first line break comes before anything else). */
function startsOwnLine(text: string): boolean {
  for (const c of text) {
    if (c === '\n') return true;
    if (c !== ' ' && c !== '\t') return false;
  }
  return false;
}

/**
 * The kind Go gives a value read from a chart's values (`kindOf`): string, bool, float64 (YAML numbers pass
 * through JSON), map, slice, or invalid for nil; undefined for a number written in the template itself.
 */
function goKindOf(v: unknown, fromValues: boolean): string | undefined {
  if (v === null || v === undefined) return 'invalid';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return fromValues ? 'float64' : undefined;
  if (Array.isArray(v)) return 'slice';
  if (isPlainObject(v)) return 'map';
  return undefined;
}

function safeJs(doc: Document): unknown {
  try {
    return doc.toJS({ maxAliasCount: 1000 });
  } catch {
    return undefined;
  }
}

function deepMerge(base: unknown, over: unknown): unknown {
  if (over === undefined) return base;
  if (!isPlainObject(base) || !isPlainObject(over)) return over;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = k in out ? deepMerge(out[k], v) : v;
  return out;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

function isScalarValue(v: unknown): boolean {
  return v === null || v === undefined || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

/** Pieces with the blanks at the start of the first and the end of the last cut off (Go's strings.TrimSpace over their text). */
function trimPieces(pieces: readonly Piece[]): Piece[] {
  const out = pieces.map((p) => ({ ...p }));
  while (out.length > 0) {
    const text = out[0].text.trimStart();
    if (text !== '' || out[0].unknownBlock) {
      out[0] = { ...out[0], text };
      break;
    }
    out.shift();
  }
  while (out.length > 0) {
    const last = out[out.length - 1];
    const text = last.text.trimEnd();
    if (text !== '' || last.unknownBlock) {
      out[out.length - 1] = { ...last, text };
      break;
    }
    out.pop();
  }
  return out;
}

/**
 * A value as Helm's `toJson` (Go's encoding/json) writes it: map keys sorted, `<`, `>` and `&` escaped (not by
 * `toRawJson`), two-space indentation for `toPrettyJson`.
 */
function goJson(v: unknown, how: 'toJson' | 'toRawJson' | 'toPrettyJson'): string {
  const sorted = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(sorted);
    if (x === null || typeof x !== 'object') return x === undefined ? null : x;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(x as object).sort()) out[key] = sorted((x as Record<string, unknown>)[key]);
    return out;
  };
  const text = JSON.stringify(sorted(v), null, how === 'toPrettyJson' ? 2 : undefined) ?? 'null';
  return how === 'toRawJson' ? text : text.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * A list of plain values as Go's fmt prints it (`[a b c]`: items by their text, spaces between), or undefined for a
 * list holding anything else: collections, null, and numbers that Go would print in exponent form or with a fraction
 * it rounds (values are float64s; only whole numbers below a million print as written).
 */
/** Standard base64 (with padding) of the UTF-8 bytes of `text`. */
function base64Of(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** A named template's body that prints nothing: text that is whitespace only, and no action. */
function isEmptyBody(body: readonly TreeNode[]): boolean {
  return body.every((node) => node.kind === 'text' && node.token.text.trim() === '');
}

function goListText(v: unknown): string | undefined {
  if (!Array.isArray(v)) return undefined;
  const items: string[] = [];
  for (const item of v) {
    if (typeof item === 'string' || typeof item === 'boolean') items.push(String(item));
    else if (typeof item === 'number' && Number.isInteger(item) && Math.abs(item) < 1e6) items.push(String(item));
    else return undefined;
  }
  return `[${items.join(' ')}]`;
}

function scalarText(v: unknown): string {
  if (v === null || v === undefined) return '';
  return String(v);
}

function isEmpty(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === 0 || v === '') return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object') return Object.keys(v as object).length === 0;
  return false;
}

/** Go template truth; undefined when the value is unknown. */
function truthy(v: Val): boolean | undefined {
  if (v.k === 'u') return undefined;
  if (v.k === 'root') return true;
  if (v.k === 'p') return v.pieces.some((p) => p.text.trim() !== '') || undefined;
  return !isEmpty(v.v);
}

/** The items a `range` visits: list items in order, map entries by key (as Go sorts them), each still tied to its values path. */
function entriesOf(v: { k: 'v'; v: unknown; path?: (string | number)[] }, at: (path: (string | number)[]) => Val): [unknown, Val][] | undefined {
  const item = (key: string | number, value: unknown): Val => (v.path ? at([...v.path, key]) : { k: 'v', v: value });
  if (Array.isArray(v.v)) return v.v.map((value, i) => [i, item(i, value)]);
  if (isPlainObject(v.v)) {
    return Object.keys(v.v)
      .sort()
      .map((key) => [key, item(key, (v.v as Record<string, unknown>)[key])]);
  }
  if (v.v === null || v.v === undefined) return [];
  return undefined;
}

function nodeAtPath(doc: Document, path: (string | number)[]): Node | undefined {
  let current: unknown = doc.contents;
  for (const step of path) {
    while (isAlias(current)) current = current.resolve(doc);
    if (isMap(current)) {
      const pair = current.items.find((p) => isScalar(p.key) && String(p.key.value) === String(step));
      current = pair?.value;
    } else if (isSeq(current) && typeof step === 'number') current = current.items[step];
    else return undefined;
    if (current === undefined || current === null) return undefined;
  }
  while (isAlias(current)) current = current.resolve(doc);
  return (current ?? undefined) as Node | undefined;
}

/** The text of the output line being written, up to the last line break (bounded look-back). */
function currentLine(out: readonly Piece[]): string {
  let line = '';
  for (let i = out.length - 1; i >= 0 && line.length < 4000; i--) {
    const text = out[i].text;
    const nl = text.lastIndexOf('\n');
    if (nl >= 0) return text.slice(nl + 1) + line;
    line = text + line;
  }
  return line;
}

/**
 * Whether a placeholder at this indent sits among sequence items: the nearest line before it that is not deeper
 * (the last item's own lines are), or the next line, is at the same indent and starts with `-`.
 */
function looksLikeSequence(out: readonly Piece[], indent: number, after: string): boolean {
  const before = out
    .slice(-40)
    .map((p) => p.text)
    .join('')
    .split('\n')
    .slice(0, -1)
    .reverse()
    .find((l) => l.trim() !== '' && (/^[ \t]*/.exec(l)?.[0].length ?? 0) <= indent);
  const check = (line: string | undefined) => line !== undefined && (/^[ \t]*/.exec(line)?.[0].length ?? 0) === indent && /^\s*-(\s|$)/.test(line);
  if (check(before)) return true;
  const next = after
    .split('\n')
    .slice(1, 30)
    .find((l) => l.trim() !== '' && !l.trim().startsWith('{{'));
  if (check(next)) return true;
  // `key:` then an unknown block at the key's own indent holds sequence items (`containers:\n- …`).
  return false;
}

/**
 * Text YAML reads as the same plain scalar wherever a template puts it. `<` is no indicator (charts' fill-in values such
 * as `<your-container-registry-server>` stay plain, as Helm writes them), `>` is one only at the start.
 */
const PLAIN_SAFE = /^[A-Za-z0-9_./<][A-Za-z0-9_./@+=~ <>-]*$/;

/** A known string written where the template puts it: escaped inside quotes, quoted when plain YAML would misread it. */
function fitScalar(text: string, line: string): string {
  const quote = openQuote(line);
  if (quote === '"') return JSON.stringify(text).slice(1, -1);
  if (quote === "'") return text.split("'").join("''");
  const valueStart = /(:\s+|^\s*-\s+|^\s*)$/.test(line);
  // Joined to a plain scalar the line already holds (`quay.io/cas` then `:v1.2.3`, `@sha256:…`): without blanks, no
  // character ends it (only `: ` and ` #` would).
  if (!valueStart && !/[ \t]$/.test(line) && /^[A-Za-z0-9_./@+=~:<>-]+$/.test(text)) return text;
  if (text === '' || PLAIN_SAFE.test(text) || /^-?\d/.test(text)) return text.includes(': ') || text.includes(' #') ? (valueStart ? JSON.stringify(text) : HELM_UNKNOWN) : text;
  return valueStart ? JSON.stringify(text) : HELM_UNKNOWN;
}

/** The quote character open at the end of `line`, if any (YAML double quotes escape with `\`, single quotes by doubling). */
function openQuote(line: string): '"' | "'" | undefined {
  let open: '"' | "'" | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (open === '"') {
      if (c === '\\') i++;
      else if (c === '"') open = undefined;
    } else if (open === "'") {
      if (c === "'") open = undefined;
    } else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]))) return undefined;
    else if ((c === '"' || c === "'") && (i === 0 || /[\s:,[{-]/.test(line[i - 1]))) open = c;
  }
  return open;
}

function yamlScalar(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v !== 'string') return String(v);
  if (v !== '' && PLAIN_SAFE.test(v) && !/^(true|false|null|yes|no|on|off|~|-?\d[\d.eE+-]*)$/i.test(v) && !v.includes(': ') && !v.includes(' #') && !v.endsWith(' ')) return v;
  return JSON.stringify(v);
}

/** Where a values file writes (part of) a value that `toYaml` prints: the file and its node there. */
interface Placed {
  file: LoadedValues;
  node: unknown;
}

/** The node itself, its aliases followed. */
function resolvedNode(p: Placed): unknown {
  let n = p.node;
  while (isAlias(n)) n = n.resolve(p.file.doc);
  return n;
}

function originOfPlaced(p: Placed | undefined, node: unknown = p?.node): Origin | undefined {
  const r = (node as Node | undefined)?.range;
  return p && r ? { uri: p.file.uri, range: p.file.source.rangeOf(r[0], r[1]) } : undefined;
}

/** A map node's entries by key text, read once. */
function pairsByKey(map: YAMLMap): Map<string, Pair> {
  const out = new Map<string, Pair>();
  for (const pair of map.items) if (isScalar(pair.key) && !out.has(String(pair.key.value))) out.set(String(pair.key.value), pair as Pair);
  return out;
}

/**
 * `toYaml` of a merged value as Helm writes it, each key and scalar mapped to the values file that sets it: `sources`
 * are the files that write something at the value's path, in the order they are merged (the last wins), so that a
 * `--values` file overriding one key of a map (`livenessProbe.initialDelaySeconds`) is where that key's scalar points,
 * and the keys it leaves point at values.yaml. Maps merge key by key; a list is the last file's whole.
 */
function emitYaml(value: unknown, sources: readonly Placed[], indent: number, out: Piece[]): void {
  const pad = ' '.repeat(indent);
  const last = sources[sources.length - 1];
  if (isPlainObject(value)) {
    const keys = Object.keys(value);
    if (keys.length === 0) {
      out.push({ text: '{}', origin: originOfPlaced(last) });
      return;
    }
    const maps: { placed: Placed; entries: Map<string, Pair> }[] = [];
    for (const placed of sources) {
      const node = resolvedNode(placed);
      if (isMap(node)) maps.push({ placed, entries: pairsByKey(node) });
    }
    keys.forEach((key, i) => {
      const child = value[key];
      const childSources: Placed[] = [];
      let keyOrigin: Origin | undefined;
      for (const { placed, entries } of maps) {
        const pair = entries.get(key);
        if (!pair) continue;
        keyOrigin = originOfPlaced(placed, pair.key);
        if (pair.value) childSources.push({ file: placed.file, node: pair.value });
      }
      out.push({ text: i === 0 ? '' : pad });
      out.push({ text: yamlScalar(key), origin: keyOrigin });
      out.push({ text: ':' });
      if ((isPlainObject(child) && Object.keys(child).length > 0) || (Array.isArray(child) && child.length > 0)) {
        out.push({ text: `\n${pad}  ` });
        emitYaml(child, childSources, indent + 2, out);
      } else {
        out.push({ text: ' ' });
        emitYaml(child, childSources, indent + 2, out);
        out.push({ text: '\n' });
      }
    });
    return;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) {
      out.push({ text: '[]', origin: originOfPlaced(last) });
      return;
    }
    // Helm does not merge lists: the last file that writes one gives it whole.
    let list: { placed: Placed; node: YAMLSeq } | undefined;
    for (const placed of sources) {
      const node = resolvedNode(placed);
      if (isSeq(node)) list = { placed, node };
    }
    value.forEach((item, i) => {
      out.push({ text: i === 0 ? '- ' : `${pad}- ` });
      const complex = (isPlainObject(item) && Object.keys(item).length > 0) || (Array.isArray(item) && item.length > 0);
      const node = list?.node.items[i];
      emitYaml(item, list && node ? [{ file: list.placed.file, node }] : [], indent + 2, out);
      if (!complex) out.push({ text: '\n' });
    });
    return;
  }
  const text = yamlScalar(value);
  if (typeof value === 'string' && value.includes('\n')) out.push({ text: JSON.stringify(value), origin: originOfPlaced(last) });
  else out.push({ text, origin: originOfPlaced(last) });
}
