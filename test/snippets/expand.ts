/**
 * Expands a VS Code snippet body the way the editor would if the user pressed Tab
 * through every stop without typing: placeholders become their default text (nested
 * placeholders included), choices their first option, mirrors (`$1` after `${1:x}`)
 * the text of their placeholder, `$0` and bare tab stops nothing, and variables a
 * fixed, plausible value.
 *
 * Grammar (https://code.visualstudio.com/docs/editor/userdefinedsnippets#_grammar):
 *   any         ::= tabstop | placeholder | choice | variable | text
 *   tabstop     ::= '$' int | '${' int '}' | '${' int transform '}'
 *   placeholder ::= '${' int ':' any '}'
 *   choice      ::= '${' int '|' text (',' text)* '|}'
 *   variable    ::= '$' var | '${' var '}' | '${' var ':' any '}' | '${' var transform '}'
 *   transform   ::= '/' regex '/' (format | text)+ '/' options
 * Like VS Code, a `$` that starts none of these is literal text, `\$`, `\}` and `\\`
 * escape, and an unknown variable expands to its own name; `expandSnippet` reports
 * the unknown ones so a test can catch an unescaped `$HOME` in a shell line.
 */

export type SnippetNode =
  | { kind: 'text'; value: string }
  | { kind: 'tabstop'; index: number; transform?: Transform }
  | { kind: 'placeholder'; index: number; children: SnippetNode[] }
  | { kind: 'choice'; index: number; options: string[] }
  | { kind: 'variable'; name: string; children?: SnippetNode[]; transform?: Transform };

export interface Transform {
  regex: string;
  format: string;
  flags: string;
}

export interface Expansion {
  text: string;
  /** Variables the expander does not know (VS Code would insert their names). */
  unknownVariables: string[];
  /** Tab stop indexes in the order they are visited (`0` last), without repeats. */
  tabStops: number[];
}

/** The values variables take in tests: a file named `handler.<ext>` in a workspace called `app`. */
export const DEFAULT_VARIABLES: Readonly<Record<string, string>> = {
  TM_FILENAME: 'handler.txt',
  TM_FILENAME_BASE: 'handler',
  TM_DIRECTORY: '/workspace/app',
  TM_FILEPATH: '/workspace/app/handler.txt',
  RELATIVE_FILEPATH: 'handler.txt',
  WORKSPACE_NAME: 'app',
  WORKSPACE_FOLDER: '/workspace/app',
  TM_SELECTED_TEXT: '',
  TM_CURRENT_LINE: '',
  TM_CURRENT_WORD: '',
  TM_LINE_INDEX: '0',
  TM_LINE_NUMBER: '1',
  CLIPBOARD: '',
  CURRENT_YEAR: '2025',
  CURRENT_YEAR_SHORT: '25',
  CURRENT_MONTH: '01',
  CURRENT_DATE: '01',
  CURRENT_HOUR: '00',
  CURRENT_MINUTE: '00',
  CURRENT_SECOND: '00',
  UUID: '00000000-0000-4000-8000-000000000000',
  RANDOM: '123456',
  RANDOM_HEX: 'a1b2c3',
  LINE_COMMENT: '#',
  BLOCK_COMMENT_START: '/*',
  BLOCK_COMMENT_END: '*/',
};

class Parser {
  private pos = 0;
  constructor(private readonly src: string) {}

  /** Parses until the end, or until an unescaped `}` when inside a placeholder. */
  parseSequence(nested: boolean): SnippetNode[] {
    const nodes: SnippetNode[] = [];
    let text = '';
    const flush = () => {
      if (text) nodes.push({ kind: 'text', value: text });
      text = '';
    };
    while (this.pos < this.src.length) {
      const ch = this.src[this.pos];
      if (ch === '\\' && this.pos + 1 < this.src.length && '$}\\'.includes(this.src[this.pos + 1])) {
        text += this.src[this.pos + 1];
        this.pos += 2;
        continue;
      }
      if (ch === '}' && nested) break;
      if (ch === '$') {
        const start = this.pos;
        const node = this.parseDollar();
        if (node) {
          flush();
          nodes.push(node);
          continue;
        }
        this.pos = start + 1; // not a construct: a literal dollar sign
        text += '$';
        continue;
      }
      text += ch;
      this.pos++;
    }
    flush();
    return nodes;
  }

  private parseDollar(): SnippetNode | undefined {
    const start = this.pos;
    this.pos++; // '$'
    const int = this.readInt();
    if (int !== undefined) return { kind: 'tabstop', index: int };
    const name = this.readName();
    if (name !== undefined) return { kind: 'variable', name };
    if (this.src[this.pos] !== '{') return undefined;
    this.pos++;
    const index = this.readInt();
    if (index !== undefined) {
      const next = this.src[this.pos];
      if (next === '}') {
        this.pos++;
        return { kind: 'tabstop', index };
      }
      if (next === ':') {
        this.pos++;
        const children = this.parseSequence(true);
        if (this.src[this.pos] !== '}') return this.fail(start);
        this.pos++;
        return { kind: 'placeholder', index, children };
      }
      if (next === '|') {
        this.pos++;
        const options = this.readChoice();
        return options ? { kind: 'choice', index, options } : this.fail(start);
      }
      if (next === '/') {
        const transform = this.readTransform();
        return transform ? { kind: 'tabstop', index, transform } : this.fail(start);
      }
      return this.fail(start);
    }
    const varName = this.readName();
    if (varName === undefined) return this.fail(start);
    const next = this.src[this.pos];
    if (next === '}') {
      this.pos++;
      return { kind: 'variable', name: varName };
    }
    if (next === ':') {
      this.pos++;
      const children = this.parseSequence(true);
      if (this.src[this.pos] !== '}') return this.fail(start);
      this.pos++;
      return { kind: 'variable', name: varName, children };
    }
    if (next === '/') {
      const transform = this.readTransform();
      return transform ? { kind: 'variable', name: varName, transform } : this.fail(start);
    }
    return this.fail(start);
  }

  private fail(start: number): undefined {
    this.pos = start;
    return undefined;
  }

  private readInt(): number | undefined {
    const m = /^[0-9]+/.exec(this.src.slice(this.pos));
    if (!m) return undefined;
    this.pos += m[0].length;
    return Number(m[0]);
  }

  private readName(): string | undefined {
    const m = /^[_a-zA-Z][_a-zA-Z0-9]*/.exec(this.src.slice(this.pos));
    if (!m) return undefined;
    this.pos += m[0].length;
    return m[0];
  }

  /** After `${n|`: options separated by `,`, ended by `|}`; `\,`, `\|` and `\\` escape. */
  private readChoice(): string[] | undefined {
    const options: string[] = [];
    let current = '';
    while (this.pos < this.src.length) {
      const ch = this.src[this.pos];
      if (ch === '\\' && ',|\\'.includes(this.src[this.pos + 1] ?? '')) {
        current += this.src[this.pos + 1];
        this.pos += 2;
      } else if (ch === ',') {
        options.push(current);
        current = '';
        this.pos++;
      } else if (ch === '|' && this.src[this.pos + 1] === '}') {
        options.push(current);
        this.pos += 2;
        return options;
      } else {
        current += ch;
        this.pos++;
      }
    }
    return undefined;
  }

  /** At `/`: `/regex/format/flags}`; `\/` escapes a slash inside regex and format. */
  private readTransform(): Transform | undefined {
    const parts: string[] = [];
    this.pos++; // first '/'
    for (let part = 0; part < 2; part++) {
      let value = '';
      while (this.pos < this.src.length && this.src[this.pos] !== '/') {
        if (part === 1 && this.src.startsWith('${', this.pos)) {
          // A format item such as ${1:/upcase} may hold a slash: copy it whole.
          const close = this.src.indexOf('}', this.pos);
          if (close < 0) return undefined;
          value += this.src.slice(this.pos, close + 1);
          this.pos = close + 1;
        } else if (this.src[this.pos] === '\\' && this.src[this.pos + 1] === '/') {
          value += '/';
          this.pos += 2;
        } else {
          value += this.src[this.pos++];
        }
      }
      if (this.src[this.pos] !== '/') return undefined;
      this.pos++;
      parts.push(value);
    }
    const m = /^[a-z]*\}/.exec(this.src.slice(this.pos));
    if (!m) return undefined;
    this.pos += m[0].length;
    return { regex: parts[0], format: parts[1], flags: m[0].slice(0, -1) };
  }
}

export function parseSnippet(body: string): SnippetNode[] {
  return new Parser(body).parseSequence(false);
}

/** Applies a transform's format string (`$1`, `${1}`, `${1:/upcase}`, `${1:+if}`, `${1:-else}`, `${1:?if:else}`). */
function applyTransform(value: string, transform: Transform): string {
  const regex = new RegExp(transform.regex, transform.flags);
  return value.replace(regex, (...args: unknown[]) => {
    // replace() passes (match, ...groups, offset, input[, namedGroups]): the groups end at the first number.
    const offsetIndex = args.findIndex((arg, i) => i > 0 && typeof arg === 'number');
    const groups = args.slice(0, offsetIndex) as (string | undefined)[];
    const group = (n: number) => groups[n] ?? '';
    return transform.format.replace(/\$(\d+)|\$\{(\d+)(?::(\/upcase|\/downcase|\/capitalize|\/camelcase|\/pascalcase|\+[^}]*|\?[^:}]*:[^}]*|-?[^}]*))?\}/g, (_m, bare: string | undefined, braced: string | undefined, op: string | undefined) => {
      const n = Number(bare ?? braced);
      const g = group(n);
      if (op === undefined) return g;
      if (op === '/upcase') return g.toUpperCase();
      if (op === '/downcase') return g.toLowerCase();
      if (op === '/capitalize') return g.charAt(0).toUpperCase() + g.slice(1);
      if (op === '/camelcase' || op === '/pascalcase') {
        const words = g.split(/[^A-Za-z0-9]+/).filter(Boolean);
        const pascal = words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
        return op === '/pascalcase' ? pascal : pascal.charAt(0).toLowerCase() + pascal.slice(1);
      }
      if (op.startsWith('+')) return g ? op.slice(1) : '';
      if (op.startsWith('?')) {
        const [ifText, elseText] = op.slice(1).split(':');
        return g ? ifText : elseText;
      }
      return g || op.replace(/^-/, '');
    });
  });
}

/**
 * Expands `body` (a string or VS Code's array of lines) with every default.
 * `variables` overrides or adds variable values (e.g. `TM_FILENAME_BASE`).
 */
export function expandSnippet(body: string | readonly string[], variables: Record<string, string> = {}): Expansion {
  const source = typeof body === 'string' ? body : body.join('\n');
  const nodes = parseSnippet(source);
  const values = { ...DEFAULT_VARIABLES, ...variables };
  const unknownVariables: string[] = [];
  const order: number[] = [];

  // The first placeholder or choice of an index defines the text of every mirror of that index.
  const definitions = new Map<number, SnippetNode>();
  const collect = (list: SnippetNode[]) => {
    for (const node of list) {
      if ((node.kind === 'placeholder' || node.kind === 'choice' || node.kind === 'tabstop') && !order.includes(node.index)) order.push(node.index);
      if ((node.kind === 'placeholder' || node.kind === 'choice') && !definitions.has(node.index)) definitions.set(node.index, node);
      if (node.kind === 'placeholder' || (node.kind === 'variable' && node.children)) collect(node.children!);
    }
  };
  collect(nodes);

  const resolving = new Set<number>();
  const valueOfIndex = (index: number): string => {
    if (index === 0) return '';
    const definition = definitions.get(index);
    if (!definition) return '';
    if (resolving.has(index)) throw new Error(`snippet placeholder $${index} contains itself`);
    resolving.add(index);
    try {
      return definition.kind === 'choice' ? definition.options[0] : definition.kind === 'placeholder' ? render(definition.children) : '';
    } finally {
      resolving.delete(index);
    }
  };
  const render = (list: SnippetNode[]): string =>
    list
      .map((node) => {
        switch (node.kind) {
          case 'text':
            return node.value;
          case 'tabstop':
            return node.transform ? applyTransform(valueOfIndex(node.index), node.transform) : valueOfIndex(node.index);
          case 'placeholder':
          case 'choice':
            return valueOfIndex(node.index);
          case 'variable': {
            const known = Object.prototype.hasOwnProperty.call(values, node.name);
            let value: string;
            if (known && (values[node.name] !== '' || !node.children)) value = values[node.name];
            else if (node.children) value = render(node.children);
            else {
              if (!unknownVariables.includes(node.name)) unknownVariables.push(node.name);
              value = node.name;
            }
            return node.transform ? applyTransform(value, node.transform) : value;
          }
        }
      })
      .join('');

  const text = render(nodes);
  const tabStops = [...order.filter((i) => i !== 0).sort((a, b) => a - b), ...(order.includes(0) ? [0] : [])];
  return { text, unknownVariables, tabStops };
}
