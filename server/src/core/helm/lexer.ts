/**
 * Go template lexing and parsing, as much as Helm charts use: text and `{{ … }}` actions
 * (with `{{-`/`-}}` whitespace trimming, comments, strings that contain `}}`), then a tree of
 * `if`/`else if`/`else`, `range`, `with`, `define`/`block` and `end`. Linear in the input:
 * one pass over the characters, one pass over the tokens. Pure.
 */

export interface TextToken {
  kind: 'text';
  text: string;
  /** Offset of `text[0]` in the file it comes from. */
  start: number;
}

export interface ActionToken {
  kind: 'action';
  /** The action's content without delimiters and trim markers, trimmed. */
  body: string;
  /** Offsets of the whole action, delimiters included. */
  start: number;
  end: number;
  /** Nothing but blanks follows the action on its line, as written (before any trim marker takes the line break). */
  endsLine: boolean;
}

export type Token = TextToken | ActionToken;

export interface LexResult {
  tokens: Token[];
  /** Set when an action is never closed: the rest of the file is not read. */
  error?: string;
}

export function lex(text: string): LexResult {
  const tokens: Token[] = [];
  let i = 0;
  let trimNext = false;
  while (i < text.length) {
    const open = text.indexOf('{{', i);
    const textEnd = open < 0 ? text.length : open;
    let start = i;
    let chunk = text.slice(i, textEnd);
    if (trimNext) {
      const kept = chunk.replace(/^\s+/, '');
      start += chunk.length - kept.length;
      chunk = kept;
    }
    trimNext = false;
    if (open < 0) {
      if (chunk) tokens.push({ kind: 'text', text: chunk, start });
      break;
    }
    let bodyStart = open + 2;
    const trimLeft = text[bodyStart] === '-' && /\s/.test(text[bodyStart + 1] ?? '');
    if (trimLeft) {
      chunk = chunk.trimEnd();
      bodyStart += 1;
    }
    if (chunk) tokens.push({ kind: 'text', text: chunk, start });
    // Find the closing `}}`, skipping strings, raw strings and comments.
    let j = bodyStart;
    let close = -1;
    while (j < text.length) {
      const c = text[j];
      if (c === '"' || c === "'") {
        j++;
        while (j < text.length && text[j] !== c && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
        j++;
      } else if (c === '`') {
        const endRaw = text.indexOf('`', j + 1);
        j = endRaw < 0 ? text.length : endRaw + 1;
      } else if (c === '/' && text[j + 1] === '*') {
        const endComment = text.indexOf('*/', j + 2);
        j = endComment < 0 ? text.length : endComment + 2;
      } else if (c === '}' && text[j + 1] === '}') {
        close = j;
        break;
      } else if (c === '{' && text[j + 1] === '{') {
        break; // an action never holds another: a stray quote above went astray (linear: stop here)
      } else j++;
    }
    // Tolerance: a stray quote (`\"` inside an action) must not swallow the rest of the file.
    if (close < 0) close = text.indexOf('}}', bodyStart);
    if (close < 0) return { tokens, error: 'an action `{{` is never closed' };
    let bodyEnd = close;
    if (text[close - 1] === '-' && /\s/.test(text[close - 2] ?? '')) {
      trimNext = true;
      bodyEnd = close - 1;
    }
    let next = close + 2;
    while (text[next] === ' ' || text[next] === '\t' || text[next] === '\r') next++;
    tokens.push({ kind: 'action', body: text.slice(bodyStart, bodyEnd).trim(), start: open, end: close + 2, endsLine: next >= text.length || text[next] === '\n' });
    i = close + 2;
  }
  return { tokens };
}

// ---- tree ----

export type TreeNode =
  | { kind: 'text'; token: TextToken }
  | { kind: 'action'; token: ActionToken }
  | { kind: 'if' | 'with'; branches: { cond: string; token: ActionToken; body: TreeNode[] }[]; otherwise: TreeNode[] | undefined }
  | { kind: 'range'; expr: string; token: ActionToken; body: TreeNode[]; otherwise: TreeNode[] | undefined };

export interface Parsed {
  nodes: TreeNode[];
  defines: Map<string, TreeNode[]>;
  error?: string;
}

const KEYWORD = /^(if|else|end|range|with|define|block|break|continue)\b\s*([\s\S]*)$/;

/**
 * The deepest nesting read, of blocks (`if`, `with`, `range`, `define`) and of parentheses in one action. Rendering
 * recurses once per level, so without a bound what a template nesting thousands of levels gave depended on the
 * reading thread's stack: the CLI's main thread ran out where the editor's workers did not. Real charts nest a
 * handful of levels.
 */
export const MAX_TEMPLATE_NESTING = 100;

/** Builds the control-flow tree; `define` blocks go to `defines` (a `block` is a define used in place). */
export function parseTokens(tokens: readonly Token[]): Parsed {
  const defines = new Map<string, TreeNode[]>();
  interface Frame {
    kind: 'root' | 'if' | 'with' | 'range' | 'define';
    node?: TreeNode;
    name?: string;
    /** Where new children go. */
    into: TreeNode[];
  }
  const root: TreeNode[] = [];
  const stack: Frame[] = [{ kind: 'root', into: root }];
  const top = () => stack[stack.length - 1];
  for (const token of tokens) {
    if (token.kind === 'text') {
      top().into.push({ kind: 'text', token });
      continue;
    }
    if (token.body.startsWith('/*')) continue; // a comment
    const m = KEYWORD.exec(token.body);
    if (!m) {
      top().into.push({ kind: 'action', token });
      continue;
    }
    const [, keyword, rest] = m;
    if (keyword === 'if' || keyword === 'with') {
      const body: TreeNode[] = [];
      const node: TreeNode = { kind: keyword, branches: [{ cond: rest, token, body }], otherwise: undefined };
      top().into.push(node);
      stack.push({ kind: keyword, node, into: body });
    } else if (keyword === 'range') {
      const body: TreeNode[] = [];
      const node: TreeNode = { kind: 'range', expr: rest, token, body, otherwise: undefined };
      top().into.push(node);
      stack.push({ kind: 'range', node, into: body });
    } else if (keyword === 'define' || keyword === 'block') {
      const name = /^"((?:[^"\\]|\\.)*)"/.exec(rest)?.[1] ?? '';
      const body: TreeNode[] = [];
      defines.set(name, body);
      if (keyword === 'block') top().into.push({ kind: 'action', token: { ...token, body: `include "${name}" ${rest.slice(name.length + 2).trim() || '.'}` } });
      stack.push({ kind: 'define', name, into: body });
    } else if (keyword === 'else') {
      const frame = top();
      const node = frame.node;
      if (!node || node.kind === 'text' || node.kind === 'action') return { nodes: root, defines, error: '`else` outside a block' };
      const elseIf = /^(if|with)\b\s*([\s\S]*)$/.exec(rest);
      if (elseIf && node.kind !== 'range') {
        const body: TreeNode[] = [];
        node.branches.push({ cond: elseIf[2], token, body });
        frame.into = body;
      } else {
        node.otherwise = [];
        frame.into = node.otherwise;
      }
    } else if (keyword === 'end') {
      if (stack.length === 1) return { nodes: root, defines, error: '`end` without a block' };
      stack.pop();
    }
    // break / continue: ignored (the body is rendered once anyway when unknown).
    if (stack.length > MAX_TEMPLATE_NESTING + 1) return { nodes: root, defines, error: `blocks nest more than ${MAX_TEMPLATE_NESTING} levels deep` };
  }
  if (stack.length > 1) return { nodes: root, defines, error: `a \`${top().kind}\` block is never closed` };
  return { nodes: root, defines };
}

// ---- pipelines ----

export type Term =
  | { t: 'str'; v: string }
  | { t: 'num'; v: number }
  | { t: 'bool'; v: boolean }
  | { t: 'nil' }
  /** `.a.b` (path relative to dot) or `$x.a.b` (`var` = 'x', '' for `$`). */
  | { t: 'field'; var?: string; path: string[] }
  | { t: 'ident'; name: string }
  | { t: 'sub'; pipe: Pipeline };

export type Command = Term[];

export interface Pipeline {
  /** `$x := …` or `$i, $v := …` (range). */
  decl: string[];
  commands: Command[];
}

/** Parses an action body into a pipeline; undefined when it uses syntax we do not read, or nests too deeply. */
export function parsePipeline(body: string): Pipeline | undefined {
  const tokens = splitWords(body);
  if (!tokens || parenthesisDepth(tokens) > MAX_TEMPLATE_NESTING) return undefined;
  let pos = 0;
  const parse = (stopAtParen: boolean): Pipeline | undefined => {
    const decl: string[] = [];
    // Declarations: `$a :=` or `$a, $b :=` (also `=` for assignment).
    const save = pos;
    while (pos < tokens.length && tokens[pos].startsWith('$')) {
      decl.push(tokens[pos].slice(1));
      pos++;
      if (tokens[pos] === ',') pos++;
      else break;
    }
    if (tokens[pos] === ':=' || tokens[pos] === '=') pos++;
    else {
      decl.length = 0;
      pos = save;
    }
    const commands: Command[] = [[]];
    while (pos < tokens.length) {
      const word = tokens[pos++];
      if (word === ')') {
        if (!stopAtParen) return undefined;
        return { decl, commands };
      }
      if (word === '|') {
        commands.push([]);
        continue;
      }
      const term = toTerm(word);
      if (word === '(') {
        const inner = parse(true);
        if (!inner) return undefined;
        commands[commands.length - 1].push({ t: 'sub', pipe: inner });
        continue;
      }
      if (!term) return undefined;
      commands[commands.length - 1].push(term);
    }
    if (stopAtParen) return undefined;
    return commands.some((c) => c.length === 0) ? undefined : { decl, commands };
  };
  return parse(false);
}

function toTerm(word: string): Term | undefined {
  if (word === '(') return { t: 'nil' }; // handled by the caller
  if (word.startsWith('"')) {
    try {
      return { t: 'str', v: JSON.parse(word) as string };
    } catch {
      return undefined;
    }
  }
  if (word.startsWith('`')) return { t: 'str', v: word.slice(1, -1) };
  if (/^-?\d+(\.\d+)?$/.test(word)) return { t: 'num', v: Number(word) };
  if (word === 'true' || word === 'false') return { t: 'bool', v: word === 'true' };
  if (word === 'nil') return { t: 'nil' };
  if (word === '.') return { t: 'field', path: [] };
  if (/^(\.[A-Za-z_][A-Za-z0-9_]*)+$/.test(word)) return { t: 'field', path: word.slice(1).split('.') };
  const variable = /^\$([A-Za-z_][A-Za-z0-9_]*)?((?:\.[A-Za-z_][A-Za-z0-9_]*)*)$/.exec(word);
  if (variable) return { t: 'field', var: variable[1] ?? '', path: variable[2] ? variable[2].slice(1).split('.') : [] };
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(word)) return { t: 'ident', name: word };
  return undefined;
}

function parenthesisDepth(tokens: readonly string[]): number {
  let depth = 0;
  let deepest = 0;
  for (const token of tokens) {
    if (token === '(') deepest = Math.max(deepest, ++depth);
    else if (token === ')') depth--;
  }
  return deepest;
}

/** Words of an action: strings whole, `(`, `)`, `|`, `,`, `:=` apart. Undefined on an unterminated string. */
function splitWords(body: string): string[] | undefined {
  const out: string[] = [];
  let i = 0;
  while (i < body.length) {
    const c = body[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '"') {
      let j = i + 1;
      while (j < body.length && body[j] !== '"') j += body[j] === '\\' ? 2 : 1;
      if (j >= body.length) return undefined;
      out.push(body.slice(i, j + 1));
      i = j + 1;
    } else if (c === '`') {
      const j = body.indexOf('`', i + 1);
      if (j < 0) return undefined;
      out.push(body.slice(i, j + 1));
      i = j + 1;
    } else if (c === '(' || c === ')' || c === '|' || c === ',') {
      out.push(c);
      i++;
    } else if (c === ':' && body[i + 1] === '=') {
      out.push(':=');
      i += 2;
    } else {
      let j = i;
      while (j < body.length && !/[\s()|,"`]/.test(body[j]) && !(body[j] === ':' && body[j + 1] === '=')) j++;
      out.push(body.slice(i, j));
      i = j;
    }
  }
  return out;
}
