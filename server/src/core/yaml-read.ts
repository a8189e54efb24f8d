/**
 * Every YAML text the core reads goes through here: the yaml package's own reading (lexer, parser, composer),
 * with the nesting of each document bounded.
 *
 * The yaml package's parser and composer recurse once per level of nesting, so how deep a document they could
 * read depended on how much stack the caller had left. The language server's workers have 4 MB of stack and the
 * CLI's main thread under 1 MB: a 60 KB fuzz input nesting 2,276 levels deep read as YAML errors in the editor
 * and as unreadable in the CLI, and a ConfigMap nesting 1,200 levels was read whole in the editor but stopped
 * with "Maximum call stack size exceeded" in the CLI, at a line that moved with the caller's stack.
 *
 * Now a document that nests deeper than MAX_YAML_NESTING ends where it gets that deep, before anything recurses
 * that far, the same way in every process: it is read as a document with one error there (its content is
 * skipped up to the next `---` or `...` line), and the stream's other documents are read as usual. The deepest
 * of the 1,266 real YAML files in the shared corpus nests 19 levels.
 *
 * A flow collection or a quoted scalar whose lines are indented less than the block around it is read as go-yaml,
 * PyYAML and js-yaml read it, to its closing bracket or quote (readUnderIndented): kubectl, Helm, the SAM CLI and the
 * Serverless Framework accept such a file, so it is no syntax error of the user's.
 *
 * The package's own error messages are not prettified (`prettyErrors` off): the core reports a problem's message
 * and position, not the package's excerpt of the line. Stack traces are not recorded while it reads: see
 * withoutStackTraces.
 *
 * Pure: no I/O.
 */
import type { SourceText } from './source';
import { countBelow } from './lists';
import type { ParseProblem } from './types';
import { CST, Composer, Lexer, Parser, YAMLParseError, isMap, isPair, isScalar, isSeq, type Document, type Scalar, type DocumentOptions, type ErrorCode, type ParseOptions, type SchemaOptions, type ToJSOptions, type YAMLError } from 'yaml';

/**
 * The deepest nesting read, counted as the yaml parser's stack counts it: the document, then one level per
 * collection (a list item holding a map counts twice). About a quarter of what the composer can read on a main
 * thread's stack.
 */
export const MAX_YAML_NESTING = 256;

/** The one error of a document that nests too deeply, placed where it gets too deep. */
export const TOO_DEEP_MESSAGE = `Nested more than ${MAX_YAML_NESTING} levels deep, deeper than this linter reads YAML`;

/**
 * The yaml package reports each problem as an `Error` subclass, and V8 records a stack trace for every
 * one: on a broken file with thousands of problems inside deep nesting, recording those traces cost
 * more than the parse (fuzz seed 8086: 168 lines of 440 nested `[` took 2.6 s, 2.7 s of it in
 * `YAMLError`). The parse problems keep their message and position, which is all we report, so the
 * traces are not recorded while the yaml package reads.
 */
export function withoutStackTraces<T>(parse: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return parse();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

export type ReadOptions = Omit<ParseOptions, 'prettyErrors' | 'lineCounter'> & DocumentOptions & SchemaOptions;

/** Lexemes the parser reads without moving its offset: markers the lexer adds, not text of the source. */
const ZERO_WIDTH = new Set(['doc-mode', 'flow-error-end', 'scalar']);

/**
 * The parser's tokens for `text`, one lexeme at a time. When a document's nesting passes the bound, the parser
 * is left there: a document holding only an error at that offset stands in for it, the lexemes are skipped up to
 * the next document marker, and a new parser reads on from there.
 */
function* boundedTokens(text: string): Generator<CST.Token> {
  let parser = new Parser();
  let skipping = false;
  let offset = 0;
  let scalarText = false;
  for (const lexeme of new Lexer().lex(text)) {
    if (skipping) {
      // The text after a scalar marker is the scalar's, even when it reads `---`.
      const type: CST.TokenType | null = scalarText ? null : CST.tokenType(lexeme);
      scalarText = type === 'scalar';
      if (type !== 'doc-start' && type !== 'doc-end') {
        if (!type || !ZERO_WIDTH.has(type)) offset += lexeme.length;
        continue;
      }
      skipping = false;
      parser = new Parser();
      parser.offset = offset;
    }
    yield* parser.next(lexeme);
    if (parser.stack.length > MAX_YAML_NESTING) {
      offset = parser.offset;
      yield { type: 'document', offset, start: [], value: { type: 'error', offset, source: '', message: TOO_DEEP_MESSAGE } };
      skipping = true;
      scalarText = false;
    }
  }
  if (!skipping) yield* parser.end();
}

/**
 * Errors the yaml package reports about one node it read whole (its escapes, tags, anchor, key length): reading
 * goes on after them exactly as it would without them, so they cause no other error and are independent of one
 * another. Every other error breaks the structure (an indentation, a missing `]`, a token where none fits), and
 * the package then reports what it makes of each token after it, up to the end of the document: one error per
 * token of every valid line that follows, none of them the user's to fix.
 */
const NODE_ERRORS: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'ALIAS_PROPS',
  'BAD_ALIAS',
  'BAD_COLLECTION_TYPE',
  'BAD_DQ_ESCAPE',
  'DUPLICATE_KEY',
  'KEY_OVER_1024_CHARS',
  'MULTIPLE_ANCHORS',
  'MULTIPLE_TAGS',
  'NON_STRING_KEY',
  'TAG_RESOLVE_FAILED',
]);

/**
 * The errors of `doc` that are causes, in the order the package reported them: the first error in the text that
 * breaks the structure, and the errors about one node (NODE_ERRORS) before it; the errors after it are its
 * consequences and are left out (572 errors for a SAM template whose one flow map closes too far left, 570 of them
 * on valid lines). Of errors at the same place, the first reported is the cause: the package reports the innermost
 * collection's first. A second document of a text read as one (`MULTIPLE_DOCS`, see readDocument) is no part of the
 * document's structure: kept. Two passes over the errors, no sort.
 */
function causes(doc: Document): YAMLError[] {
  const { errors } = doc;
  let cause = -1;
  errors.forEach((error, i) => {
    if (error.code === 'MULTIPLE_DOCS' || NODE_ERRORS.has(error.code)) return;
    if (cause < 0 || error.pos[0] < errors[cause].pos[0]) cause = i;
  });
  if (cause < 0) return errors;
  const end = errors[cause].pos[0];
  return errors.filter((error, i) => i === cause || error.code === 'MULTIPLE_DOCS' || (NODE_ERRORS.has(error.code) && (error.pos[0] < end || (error.pos[0] === end && i < cause))));
}

/**
 * Why `doc` was not analysed, at the places in `source` (whose text it was read from): the parser's syntax errors
 * that are causes (see causes; the first line of each message), or the nesting bound's one error, which means the
 * document was not read. Warnings are not reported: the document was read despite them.
 */
export function problemsOf(doc: Document, source: SourceText): ParseProblem[] {
  return causes(doc).map((error) => {
    const [start, end] = error.pos;
    const message = error.message.split('\n')[0];
    return { message, range: source.rangeOf(start, Math.max(end, start)), kind: message.startsWith(TOO_DEEP_MESSAGE) ? 'unread' : 'syntax' };
  });
}

/** Maps up to this size are checked for duplicate keys by comparing their keys with one another. */
const SMALL_MAP = 8;

/** How much of a duplicated key a problem's message quotes. */
const KEY_SHOWN = 60;

/**
 * Keys written twice in one map of `doc`, each reported where it is written again, with `consequence` (what the
 * tools that read this kind of file make of it). The yaml package's own check (`uniqueKeys`) compares every key
 * with each earlier key of its map, quadratic in the map's size, so the core reads with it off and looks here
 * instead, in one walk with a map of keys per map. A duplicate is an error for most tools that read these files
 * (kubectl since 1.21, the Serverless Framework, cfn-lint; the YAML extension marks it too); where one is accepted
 * (CloudFormation, the API server) the last value counts, and that is what the models read (pairOf). Keys are
 * compared as the package compares them: scalars of the same value and type. `<<` is left alone (merge keys may
 * repeat), and so are keys that are collections or aliases.
 */
export function duplicateKeyProblems(doc: Document, source: SourceText, consequence: string): ParseProblem[] {
  const problems: ParseProblem[] = [];
  const pending: unknown[] = [doc.contents];
  while (pending.length > 0) {
    const node = pending.pop();
    if (isSeq(node)) {
      for (const item of node.items) if (isMap(item) || isSeq(item)) pending.push(item);
      continue;
    }
    if (!isMap(node)) continue;
    const items = node.items;
    // Most maps are small: their keys are compared with one another, without a map of keys to build.
    const seen = items.length > SMALL_MAP ? new Map<unknown, number>() : undefined;
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (!isPair(item)) continue;
      if (isMap(item.value) || isSeq(item.value)) pending.push(item.value);
      const key = item.key;
      if (!isScalar(key) || key.value === '<<' || !key.range) continue;
      let first: number | undefined;
      if (seen) {
        first = seen.get(key.value);
        if (first === undefined) seen.set(key.value, key.range[0]);
      } else {
        for (let j = 0; j < i && first === undefined; j++) {
          const earlier = items[j];
          if (isPair(earlier) && isScalar(earlier.key) && earlier.key.value === key.value && earlier.key.range) first = earlier.key.range[0];
        }
      }
      if (first === undefined) continue;
      const name = String(key.value);
      const shown = name.length > KEY_SHOWN ? `${name.slice(0, KEY_SHOWN)}…` : name;
      const line = source.positionAt(first).line + 1;
      problems.push({ message: `\`${shown}\` is already defined on line ${line} of this map; this later value is the one analysed, ${consequence}`, range: source.rangeOf(key.range[0], key.range[1]), kind: 'duplicate' });
    }
  }
  return problems.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

/** A stand-in for a lone `-` in a flow sequence while the text is read again (see readLoneFlowDashes): one UTF-16 unit. */
const DASH_STAND_IN = '\u2010';

/**
 * The document read again where it writes a lone `-` as an item of a flow sequence (`!Split [-, !Ref AWS::StackId]`):
 * PyYAML, and so the SAM CLI, cfn-lint and CloudFormation's own loaders, read it as the string "-"; YAML 1.2, and the
 * yaml package, take it for a block sequence inside a flow one and give up on the document. Each such dash (at a
 * BLOCK_IN_FLOW error, followed by `,` or `]`) is read as a stand-in of the same length, so every offset stays, and its
 * scalar is then given back its `-`. Undefined when `doc` has other errors or the second reading has any.
 */
export function readLoneFlowDashes(text: string, doc: Document.Parsed, read: (text: string) => Document.Parsed): Document.Parsed | undefined {
  const dashes = new Set<number>();
  for (const error of doc.errors) {
    const at = error.pos[0];
    if (error.code !== 'BLOCK_IN_FLOW' || text[at] !== '-') continue;
    let next = at + 1;
    while (text[next] === ' ' || text[next] === '\t') next++;
    if (text[next] !== ',' && text[next] !== ']') return undefined;
    dashes.add(at);
  }
  if (dashes.size === 0) return undefined;
  // Only the errors a lone dash causes (the key, block and missing-comma errors at it and just after it) may remain.
  if (doc.errors.some((e) => !dashes.has(e.pos[0]) && !dashes.has(e.pos[0] - 1))) return undefined;
  let lenient = '';
  let from = 0;
  for (const at of [...dashes].sort((a, b) => a - b)) {
    lenient += text.slice(from, at) + DASH_STAND_IN;
    from = at + 1;
  }
  const again = read(lenient + text.slice(from));
  if (again.errors.length > 0) return undefined;
  forEachScalar(again, (node) => {
    if (node.value === DASH_STAND_IN && node.range && dashes.has(node.range[0])) node.value = '-';
  });
  return again;
}

/** Calls `visit` on every scalar of `doc` (keys too), without recursion. */
function forEachScalar(doc: Document.Parsed, visit: (node: Scalar) => void): void {
  const pending: unknown[] = [doc.contents];
  while (pending.length > 0) {
    const node = pending.pop();
    if (isScalar(node)) visit(node);
    else if (isSeq(node)) for (const item of node.items) pending.push(item);
    else if (isMap(node)) for (const item of node.items) if (isPair(item)) pending.push(item.key, item.value);
  }
}

/** The message the yaml package gives a flow collection that a line indented less than its block ends early. */
const UNDER_INDENTED_FLOW = /^Flow (?:sequence|map|mapping) in block collection must be sufficiently indented/;

/** The messages the yaml package gives a quoted scalar that a line indented less than its block ends early. */
const UNCLOSED_QUOTE = /^Missing closing ['"]quote/;

/** True when `doc` has an error that readUnderIndented may take away: a flow collection or a quoted scalar ended early. */
function hasUnderIndented(doc: Document.Parsed): boolean {
  return doc.errors.length > 0 && doc.errors.some((e) => (e.code === 'BAD_INDENT' && UNDER_INDENTED_FLOW.test(e.message)) || (e.code === 'MISSING_CHAR' && UNCLOSED_QUOTE.test(e.message)));
}

/**
 * Where the lexer ended a flow collection or a quoted scalar early because a line inside it is indented less than the
 * block around it (one lexing pass): for a collection, the offset of the outermost `[` or `{` still open at that end;
 * for a quoted scalar outside any collection, the offset of its opening quote when its closing quote is further on.
 */
function endedEarly(text: string): { start: number; flow: boolean }[] {
  const starts: { start: number; flow: boolean }[] = [];
  const open: number[] = [];
  let offset = 0;
  let scalarText = false;
  for (const lexeme of new Lexer().lex(text)) {
    // The text after a scalar marker is the scalar's, even when it reads `[`.
    const type: CST.TokenType | null = scalarText ? null : CST.tokenType(lexeme);
    scalarText = type === 'scalar';
    if (type === 'flow-seq-start' || type === 'flow-map-start') open.push(offset);
    else if ((type === 'flow-seq-end' || type === 'flow-map-end') && open.length > 0) open.pop();
    else if (type === 'flow-error-end' || type === 'doc-start' || type === 'doc-end') {
      if (type === 'flow-error-end' && open.length > 0) starts.push({ start: open[0], flow: true });
      open.length = 0;
    } else if ((type === 'single-quoted-scalar' || type === 'double-quoted-scalar') && open.length === 0) {
      // Inside a collection, the collection's own reading (flowEnd) takes its quoted scalars whole.
      const { close } = quotedEnd(text, offset, []);
      if (close !== undefined && close !== offset + lexeme.length - 1) starts.push({ start: offset, flow: false });
    }
    if (!type || !ZERO_WIDTH.has(type)) offset += lexeme.length;
  }
  return starts;
}

/** True when a document marker (`---` or `...` alone or before a space) starts the line after the line break at `at`. */
function markerAfter(text: string, at: number): boolean {
  return text[at] === '\n' && (text.startsWith('---', at + 1) || text.startsWith('...', at + 1)) && (at + 4 >= text.length || SPACE_OR_BREAK.test(text[at + 4]));
}

/**
 * The offset of the quote that closes the quoted scalar opening at `start`, read as go-yaml and PyYAML read it whatever
 * the indentation of its lines: `''` inside single quotes and a backslash's next character inside double quotes are
 * its text. Its line breaks are added to `blanks`. When it is not closed before a document marker or the end of the
 * text, `close` is undefined and `stop` is where the reading stopped.
 */
function quotedEnd(text: string, start: number, blanks: number[]): { close?: number; stop: number } {
  const quote = text[start];
  for (let j = start + 1; j < text.length; j++) {
    const d = text[j];
    if (d === '\n' || d === '\r') {
      blanks.push(j);
      if (markerAfter(text, j)) return { stop: j + 1 };
    } else if (quote === '"' && d === '\\') {
      j++;
      if (text[j] === '\n' || text[j] === '\r') blanks.push(j);
    } else if (d === quote) {
      if (quote === "'" && text[j + 1] === "'") j++;
      else return { close: j, stop: j + 1 };
    }
  }
  return { stop: text.length };
}

const SPACE_OR_BREAK = /[ \t\r\n]/;
const ENDS_PLAIN_KEY = /[ \t\r\n,[\]{}'"]/;

/**
 * The offset of the bracket that closes the flow collection opening at `start`, read as a flow collection reads
 * whatever the indentation of its lines: quoted scalars skipped whole, comments to the end of their line. The line
 * breaks and comment characters on the way are added to `blanks`. When the collection is not closed before a
 * document marker or the end of the text, `close` is undefined and `stop` is where the reading stopped.
 */
function flowEnd(text: string, start: number, blanks: number[]): { close?: number; stop: number } {
  let depth = 0;
  // True where a node may begin, so a quote opens a quoted scalar (in `it's`, it does not).
  let nodeMayStart = true;
  // Inside a tag or an anchor (`!Ref 'x'`): the node itself follows it.
  let inProperty = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '\n' || c === '\r' || c === ' ' || c === '\t') {
      if (c === '\n' || c === '\r') blanks.push(i);
      if (markerAfter(text, i)) return { stop: i + 1 };
      if (inProperty) nodeMayStart = true;
      inProperty = false;
      continue;
    }
    if (c === '#' && SPACE_OR_BREAK.test(text[i - 1])) {
      for (; i < text.length && text[i] !== '\n' && text[i] !== '\r'; i++) blanks.push(i);
      i--;
      continue;
    }
    if (nodeMayStart && (c === "'" || c === '"')) {
      const quoted = quotedEnd(text, i, blanks);
      if (quoted.close === undefined) return { stop: quoted.stop };
      i = quoted.close;
      nodeMayStart = false;
      continue;
    }
    if (nodeMayStart && (c === '!' || c === '&')) inProperty = true;
    if (c === '[' || c === '{' || c === ',') {
      if (c !== ',') depth++;
      nodeMayStart = true;
    } else if (c === ']' || c === '}') {
      if (--depth === 0) return { close: i, stop: i + 1 };
      nodeMayStart = false;
    } else nodeMayStart = c === ':' && (i + 1 >= text.length || ENDS_PLAIN_KEY.test(text[i + 1]));
  }
  return { stop: text.length };
}

/**
 * The documents read again where a flow collection's or a quoted scalar's lines are indented less than the block it
 * is in:
 *
 *     command: ['/bin/sh', '-c',
 *     'until nc -z "$DB_HOST" "$DB_PORT"; do sleep 5; done']
 *
 *     Format: '{
 *       "requestId":"$context.requestId"
 *     }'
 *
 * YAML 1.2, and so the yaml package, want such lines indented deeper than `command` or `Format`, and give up on the
 * document; go-yaml (kubectl, Helm), PyYAML (the SAM CLI, cfn-lint) and js-yaml (the Serverless Framework) read the
 * collection to its closing bracket, and the scalar to its closing quote, whatever the indentation. So the collection
 * or the scalar is read again with its line breaks and comments as spaces (the same length, so every offset stays),
 * and each scalar that spanned a line break is given the value its own text folds to. A document is replaced only
 * when it had such an error and reads without any error now.
 */
function readUnderIndented(text: string, docs: Document.Parsed[], read: (text: string) => Document.Parsed[]): Document.Parsed[] {
  const breaks: number[] = [];
  let lenient = '';
  let from = 0;
  // Where a scan stopped without a closing bracket or quote: what opens before it is left as it reads (a collection
  // inside one that is never closed), so no text is scanned twice.
  let scanned = 0;
  for (const { start, flow } of endedEarly(text)) {
    if (start < from || start < scanned) continue;
    const blanks: number[] = [];
    const { close: end, stop } = flow ? flowEnd(text, start, blanks) : quotedEnd(text, start, blanks);
    scanned = stop;
    if (end === undefined) continue;
    for (const at of blanks) {
      lenient += text.slice(from, at) + ' ';
      from = at + 1;
      if (text[at] === '\n' || text[at] === '\r') breaks.push(at);
    }
    lenient += text.slice(from, end + 1);
    from = end + 1;
  }
  if (breaks.length === 0) return docs;
  const again = read(lenient + text.slice(from));
  if (again.length !== docs.length) return docs;
  return docs.map((doc, i) => {
    if (!hasUnderIndented(doc) || again[i].errors.length > 0) return doc;
    refoldScalars(again[i], text, breaks);
    return again[i];
  });
}

/** Gives each scalar of `doc` that spans one of `breaks` (sorted offsets) the value its text in `text` reads as. */
function refoldScalars(doc: Document.Parsed, text: string, breaks: readonly number[]): void {
  forEachScalar(doc, (node) => {
    if (typeof node.value !== 'string' || !node.range || !spansBreak(node.range[0], node.range[1], breaks)) return;
    // A scalar alone at the top of a document folds its lines whatever their indentation.
    const own = readDocumentOnce(text.slice(node.range[0], node.range[1]), {});
    if (own.errors.length === 0 && isScalar(own.contents) && typeof own.contents.value === 'string') node.value = own.contents.value;
  });
}

function spansBreak(start: number, end: number, breaks: readonly number[]): boolean {
  const first = countBelow(breaks, start);
  return first < breaks.length && breaks[first] < end;
}

function readAllDocumentsOnce(text: string, options: ReadOptions): Document.Parsed[] {
  return withoutStackTraces(() => Array.from(new Composer({ ...options, prettyErrors: false }).compose(boundedTokens(text))));
}

/** Every document of the stream, as the yaml package's `parseAllDocuments` reads them (without prettified errors), flow collections and quoted scalars as other readers read them (readUnderIndented). */
export function readAllDocuments(text: string, options: ReadOptions = {}): Document.Parsed[] {
  const docs = readAllDocumentsOnce(text, options);
  return docs.some(hasUnderIndented) ? readUnderIndented(text, docs, (again) => readAllDocumentsOnce(again, options)) : docs;
}

/** The text as one document, as the yaml package's `parseDocument` reads it (a second document is an error), flow collections and quoted scalars as other readers read them (readUnderIndented). */
export function readDocument(text: string, options: ReadOptions = {}): Document.Parsed {
  const doc = readDocumentOnce(text, options);
  return hasUnderIndented(doc) ? readUnderIndented(text, [doc], (again) => [readDocumentOnce(again, options)])[0] : doc;
}

function readDocumentOnce(text: string, options: ReadOptions): Document.Parsed {
  return withoutStackTraces(() => {
    let doc: Document.Parsed | undefined;
    for (const next of new Composer({ ...options, prettyErrors: false }).compose(boundedTokens(text), true, text.length)) {
      if (!doc) doc = next;
      else if (doc.options.logLevel !== 'silent') {
        // As parseDocument reports it.
        doc.errors.push(new YAMLParseError([next.range[0], next.range[1]], 'MULTIPLE_DOCS', 'Source contains multiple documents; please use YAML.parseAllDocuments()'));
        break;
      }
    }
    // compose(…, forceDoc = true) always ends with a document.
    return doc!;
  });
}

/**
 * The text as plain data, or undefined when it has errors. Unlike the package's `parse`, warnings are not
 * logged to the console and errors are not thrown.
 */
export function readData(text: string, options: ReadOptions & ToJSOptions = {}): unknown {
  const doc = readDocument(text, options);
  if (doc.errors.length > 0) return undefined;
  return doc.toJS(options);
}
