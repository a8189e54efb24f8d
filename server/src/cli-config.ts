/**
 * The configuration file (`.twelve-factor-lens.json`): read, checked key by key, and every
 * problem reported as one line that names the file and what is wrong. The CLI reads it with
 * `readConfigFile`; the language server, which reads files itself, checks the text with
 * `parseConfigText`, so both accept and refuse exactly the same files. Applying it (globs,
 * overrides) is core/config.ts.
 */
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { CONFIG_FILE_NAME, FolderListings, readRegularFile } from './cli-files';
import { ALL_RULES } from './core/rules';
import { SUPPRESSION_DIAGNOSTICS } from './core/suppression';
import { COVERAGE_NOTICES } from './core/analyze';
import { ConfigurationMatcher, globProblem, type ConfigOverride, type LensConfiguration, type RuleLevel } from './core/config';
import { SEVERITIES, type Severity } from './core/types';
import { registryEntryProblem } from './core/registries';

/** A problem with the configuration; the CLI prints the message alone and exits 2. */
export class ConfigError extends Error {}

export const RULE_LEVELS: readonly string[] = ['off', ...SEVERITIES];

export const KNOWN_RULE_IDS: ReadonlySet<string> = new Set([...ALL_RULES.map((r) => r.meta.id), ...Object.values(SUPPRESSION_DIAGNOSTICS).map((d) => d.id), ...COVERAGE_NOTICES.map((n) => n.id)]);

/** The top-level keys the file may have. `$schema` is accepted so editors can validate it. */
const KNOWN_KEYS = ['rules', 'failOn', 'ignorePatterns', 'overrides', 'trustedRegistries', '$schema'];
const OVERRIDE_KEYS = ['files', 'rules'];

export interface FileConfiguration extends LensConfiguration {
  /** Non-fatal remarks (unknown rule ids), printed on standard error. */
  warnings: string[];
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

/**
 * Reads and checks a configuration file. A UTF-8 byte-order mark is accepted. Unknown rule
 * ids are warnings (a configuration written for a newer version still works); everything
 * else that is not exactly as documented is a `ConfigError`.
 */
export function readConfigFile(path: string): FileConfiguration {
  const read = readRegularFile(path, 1024 * 1024);
  if (!read.ok) throw new ConfigError(`configuration ${read.message.startsWith('cannot read ') ? read.message.slice('cannot read '.length) : read.message}`);
  return parseConfigText(read.bytes.toString('utf8'), path);
}

/** Checks the text of a configuration file; `path` names it in messages. Throws `ConfigError`. */
export function parseConfigText(text: string, path: string): FileConfiguration {
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`configuration ${path}: invalid JSON: ${jsonErrorMessage(text, error as Error)}`);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) throw new ConfigError(`configuration ${path}: must be a JSON object, got ${describe(data)}`);
  const object = data as Record<string, unknown>;
  for (const key of Object.keys(object)) {
    if (!KNOWN_KEYS.includes(key)) throw new ConfigError(`configuration ${path}: unknown key ${JSON.stringify(key)} (allowed: ${KNOWN_KEYS.join(', ')})`);
  }
  if (object.$schema !== undefined && typeof object.$schema !== 'string') throw new ConfigError(`configuration ${path}: "$schema" must be a string, got ${describe(object.$schema)}`);

  const warnings: string[] = [];
  const rules = object.rules === undefined ? {} : checkRules(object.rules, '"rules"', path, warnings);
  const ignorePatterns = object.ignorePatterns === undefined ? [] : checkGlobs(object.ignorePatterns, '"ignorePatterns"', path);
  const overrides: ConfigOverride[] = [];
  if (object.overrides !== undefined) {
    if (!Array.isArray(object.overrides)) throw new ConfigError(`configuration ${path}: "overrides" must be an array of {"files": [...], "rules": {...}}, got ${describe(object.overrides)}`);
    object.overrides.forEach((entry: unknown, index) => {
      const where = `"overrides"[${index}]`;
      if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) throw new ConfigError(`configuration ${path}: ${where} must be an object with "files" and "rules", got ${describe(entry)}`);
      const item = entry as Record<string, unknown>;
      for (const key of Object.keys(item)) {
        if (!OVERRIDE_KEYS.includes(key)) throw new ConfigError(`configuration ${path}: ${where} has an unknown key ${JSON.stringify(key)} (allowed: ${OVERRIDE_KEYS.join(', ')})`);
      }
      if (item.files === undefined) throw new ConfigError(`configuration ${path}: ${where} needs "files", a list of globs`);
      const files = checkGlobs(item.files, `${where}.files`, path);
      if (files.length === 0) throw new ConfigError(`configuration ${path}: ${where}.files is empty`);
      overrides.push({ files, rules: item.rules === undefined ? {} : checkRules(item.rules, `${where}.rules`, path, warnings) });
    });
  }
  let failOn: Severity | undefined;
  if (object.failOn !== undefined) {
    if (typeof object.failOn !== 'string' || !(SEVERITIES as readonly string[]).includes(object.failOn)) {
      throw new ConfigError(`configuration ${path}: "failOn" must be one of ${SEVERITIES.join(', ')}, got ${describe(object.failOn)}`);
    }
    failOn = object.failOn as Severity;
  }
  let trustedRegistries: string[] | undefined;
  if (object.trustedRegistries !== undefined) {
    if (!Array.isArray(object.trustedRegistries)) throw new ConfigError(`configuration ${path}: "trustedRegistries" must be an array of registries or repository prefixes, got ${describe(object.trustedRegistries)}`);
    trustedRegistries = object.trustedRegistries.map((entry: unknown, index) => {
      if (typeof entry !== 'string') throw new ConfigError(`configuration ${path}: "trustedRegistries"[${index}] must be a string, got ${describe(entry)}`);
      const problem = registryEntryProblem(entry);
      if (problem) throw new ConfigError(`configuration ${path}: "trustedRegistries"[${index}] ${JSON.stringify(entry.length > 40 ? `${entry.slice(0, 40)}…` : entry)} ${problem}`);
      return entry;
    });
  }
  return trustedRegistries ? { rules, failOn, ignorePatterns, overrides, trustedRegistries, warnings } : { rules, failOn, ignorePatterns, overrides, warnings };
}

function checkRules(value: unknown, where: string, path: string, warnings: string[]): Record<string, RuleLevel> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ConfigError(`configuration ${path}: ${where} must be an object of rule id to level, got ${describe(value)}`);
  }
  const rules: Record<string, RuleLevel> = {};
  for (const [id, level] of Object.entries(value as Record<string, unknown>)) {
    if (typeof level !== 'string' || !RULE_LEVELS.includes(level)) {
      throw new ConfigError(`configuration ${path}: rule ${JSON.stringify(id)} must be one of ${RULE_LEVELS.join(', ')}, got ${describe(level)}`);
    }
    if (!KNOWN_RULE_IDS.has(id)) {
      warnings.push(`configuration ${path}: unknown rule ${JSON.stringify(id)} ignored (see --list-rules)`);
      continue;
    }
    rules[id] = level as RuleLevel;
  }
  return rules;
}

function checkGlobs(value: unknown, where: string, path: string): string[] {
  if (!Array.isArray(value)) throw new ConfigError(`configuration ${path}: ${where} must be an array of glob strings, got ${describe(value)}`);
  return value.map((glob: unknown, index) => {
    if (typeof glob !== 'string') throw new ConfigError(`configuration ${path}: ${where}[${index}] must be a glob string, got ${describe(glob)}`);
    const problem = globProblem(glob);
    if (problem) throw new ConfigError(`configuration ${path}: ${where}[${index}] ${JSON.stringify(glob.length > 40 ? `${glob.slice(0, 40)}…` : glob)} ${problem}`);
    return glob;
  });
}

/** `JSON.parse`'s complaint with the offset turned into a 1-based line and column. */
function jsonErrorMessage(text: string, error: Error): string {
  const at = / in JSON at position (\d+)/.exec(error.message);
  let base: string;
  let offset: number | undefined;
  if (at) {
    base = error.message.slice(0, at.index);
    offset = Number(at[1]);
  } else {
    // Messages without a position quote the input instead ("Unexpected token …, "…" is not valid JSON"): find the place ourselves.
    offset = locateJsonError(text);
    base = offset === undefined ? error.message : offset >= text.length ? 'unexpected end of input' : `unexpected ${JSON.stringify(text[offset])}`;
  }
  if (offset === undefined) return base;
  const { line, column } = lineColumn(text, offset);
  return `${base} at line ${line}, column ${column}`;
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * The offset of the first character a JSON reader would reject, for the messages that do not
 * carry one. A single left-to-right pass with an explicit stack: linear, no recursion.
 */
function locateJsonError(text: string): number | undefined {
  const LITERAL = /^(?:true|false|null)/;
  const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/;
  const stack: ('{' | '[')[] = [];
  // What may come next: a value, an object key (or '}'), a ':' , or a ',' / closer.
  let expect: 'value' | 'firstValue' | 'key' | 'firstKey' | 'colon' | 'after' = 'value';
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    if (expect === 'after') {
      const top = stack[stack.length - 1];
      if (!top) return i; // content after the top-level value
      if (c === ',') expect = top === '{' ? 'key' : 'value';
      else if ((c === '}' && top === '{') || (c === ']' && top === '[')) stack.pop();
      else return i;
      i++;
      continue;
    }
    if (expect === 'colon') {
      if (c !== ':') return i;
      expect = 'value';
      i++;
      continue;
    }
    if (expect === 'key' || expect === 'firstKey') {
      if (c === '}' && expect === 'firstKey') {
        stack.pop();
        expect = 'after';
        i++;
        continue;
      }
      if (c !== '"') return i;
      const end = stringEnd(text, i);
      if (end < 0) return n;
      i = end;
      expect = 'colon';
      continue;
    }
    // a value
    if (c === ']' && expect === 'firstValue') {
      stack.pop();
      expect = 'after';
      i++;
    } else if (c === '{' || c === '[') {
      stack.push(c);
      expect = c === '{' ? 'firstKey' : 'firstValue';
      i++;
    } else if (c === '"') {
      const end = stringEnd(text, i);
      if (end < 0) return n;
      i = end;
      expect = 'after';
    } else {
      const rest = text.slice(i, i + 400);
      const m = LITERAL.exec(rest) ?? NUMBER.exec(rest);
      if (!m) return i;
      i += m[0].length;
      expect = 'after';
    }
  }
  return expect === 'after' && stack.length === 0 ? undefined : n;
}

/** The offset just past the closing quote of the string starting at `start`, or -1. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x22) return i + 1;
    if (code === 0x5c) i++;
    else if (code < 0x20) return -1;
  }
  return -1;
}

/** A configuration file as it applies to the files near it. */
export interface LocatedConfiguration {
  /** The file it was read from. */
  path: string;
  /** Its folder: globs are relative to it. */
  folder: string;
  matcher: ConfigurationMatcher;
}

/**
 * The command line's lookup: `--config` applies to every file; otherwise each file takes the
 * nearest `.twelve-factor-lens.json` in its folder or a folder above, up to the working
 * directory for files inside it (the language server stops at the workspace folder the same
 * way), and up to the repository root (a folder with `.git`) or the file system's root for
 * files outside it. Each folder is looked at once; each file is read and checked once.
 */
export class ConfigLocator {
  private readonly byFolder = new Map<string, LocatedConfiguration | null>();
  /** Filled by the CLI's walk (collectFiles): the folders it listed answer the look-ups below without a call. */
  readonly listings = new FolderListings([CONFIG_FILE_NAME, '.git']);
  /** Each configuration file read, or why it cannot be used (the same error for every file it governs). */
  private readonly loaded = new Map<string, LocatedConfiguration | ConfigError>();
  readonly warnings: string[] = [];

  constructor(private readonly root: string, private readonly explicit?: string) {}

  /** Throws `ConfigError` when the configuration that applies cannot be used. */
  forFile(filePath: string): LocatedConfiguration | undefined {
    if (this.explicit !== undefined) return this.load(this.explicit, this.explicit);
    const start = dirname(resolve(filePath));
    const inside = start === this.root || start.startsWith(this.root.endsWith(sep) ? this.root : this.root + sep);
    const walked: string[] = [];
    let found: LocatedConfiguration | null = null;
    for (let folder = start; ; ) {
      const cached = this.byFolder.get(folder);
      if (cached !== undefined) {
        found = cached;
        break;
      }
      walked.push(folder);
      const candidate = join(folder, CONFIG_FILE_NAME);
      if (this.exists(candidate)) {
        // Named as the user would type it: relative to the working directory when inside it.
        found = this.load(candidate, inside ? relative(this.root, candidate) : candidate);
        break;
      }
      const parent = dirname(folder);
      if (parent === folder || (inside && folder === this.root) || (!inside && this.exists(join(folder, '.git')))) break;
      folder = parent;
    }
    for (const folder of walked) this.byFolder.set(folder, found);
    return found ?? undefined;
  }

  private exists(path: string): boolean {
    return !this.listings.lacks(path) && existsSync(path);
  }

  /** `filePath` relative to the configuration's folder, `/`-separated. */
  static relativePath(located: LocatedConfiguration, filePath: string): string {
    return relative(located.folder, resolve(filePath)).split(sep).join('/');
  }

  private load(path: string, label: string): LocatedConfiguration {
    const absolute = resolve(path);
    let located = this.loaded.get(absolute);
    if (!located) {
      try {
        const file = readConfigFile(label);
        this.warnings.push(...file.warnings);
        located = { path: label, folder: dirname(absolute), matcher: new ConfigurationMatcher(file) };
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        located = error;
      }
      this.loaded.set(absolute, located);
    }
    if (located instanceof ConfigError) throw located;
    return located;
  }
}
