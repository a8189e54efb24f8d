/**
 * The configuration file's logic, shared by the CLI and the language server so both read
 * `.twelve-factor-lens.json` the same way: glob matching (`ignorePatterns`, `overrides[].files`)
 * and the effective rules for one file. Pure: paths are given as `/`-separated text relative
 * to the configuration file's folder; reading files and finding the nearest configuration
 * are the callers' work.
 *
 * Globs: `*` matches any run of characters inside one path segment, `?` one character,
 * `**` as a whole segment any number of segments (none included), `{a,b}` alternatives
 * (not nested). A pattern without a `/` (other than a trailing one) matches a file or
 * folder name at any depth, as in `.gitignore`; a pattern with a `/` is anchored to the
 * configuration file's folder (a leading `/` or `./` is allowed). A pattern that matches
 * a folder matches everything below it. Dot files are matched like any other name.
 *
 * The matcher never builds a regular expression from the user's pattern: it is a small
 * state machine over path segments, linear in the path's length for a given pattern
 * (patterns are bounded, see MAX_PATTERN_LENGTH and MAX_ALTERNATIVES).
 */
import type { Configuration, Severity } from './types';

export type RuleLevel = Severity | 'off';

/** One `overrides` entry: rules for the files its globs match. */
export interface ConfigOverride {
  files: string[];
  rules: Record<string, RuleLevel>;
}

/** A configuration file, checked (see cli-config.ts) and ready to apply. */
export interface LensConfiguration {
  rules: Record<string, RuleLevel>;
  failOn?: Severity;
  ignorePatterns: string[];
  overrides: ConfigOverride[];
  /** Registries and repository prefixes images may come from (core/registries.ts); absent when there is no allow-list. */
  trustedRegistries?: string[];
}

export const EMPTY_CONFIGURATION: LensConfiguration = { rules: {}, ignorePatterns: [], overrides: [] };

/** Longer patterns are refused by the configuration check. */
export const MAX_PATTERN_LENGTH = 1000;
/** A pattern whose `{a,b}` groups expand to more alternatives than this is refused. */
export const MAX_ALTERNATIVES = 256;

type Token = { kind: 'char'; char: string } | { kind: 'any' } | { kind: 'star' };
type Segment = { kind: 'globstar' } | { kind: 'tokens'; tokens: Token[] };

interface CompiledAlternative {
  segments: Segment[];
  /** No `/` in the pattern: match the name at any depth. */
  floating: boolean;
}

export interface CompiledGlob {
  source: string;
  alternatives: CompiledAlternative[];
}

/** Why a pattern cannot be used, or undefined when it can. */
export function globProblem(pattern: string): string | undefined {
  if (pattern.length === 0) return 'is empty';
  if (pattern.length > MAX_PATTERN_LENGTH) return `is longer than ${MAX_PATTERN_LENGTH} characters`;
  let depth = 0;
  for (const c of pattern) {
    if (c === '{') {
      if (++depth > 1) return 'nests {…} groups, which are not supported';
    } else if (c === '}') {
      if (--depth < 0) return 'has a } without a {';
    }
  }
  if (depth !== 0) return 'has a { without a }';
  if (expandBraces(pattern) === undefined) return `expands to more than ${MAX_ALTERNATIVES} alternatives`;
  return undefined;
}

/** `a{b,c}d{e,f}` → `abde, abdf, acde, acdf`; undefined past MAX_ALTERNATIVES. Groups do not nest. */
function expandBraces(pattern: string): string[] | undefined {
  let results = [''];
  let i = 0;
  while (i < pattern.length) {
    const open = pattern.indexOf('{', i);
    const close = open < 0 ? -1 : pattern.indexOf('}', open);
    if (open < 0 || close < 0) {
      const rest = pattern.slice(i);
      results = results.map((r) => r + rest);
      break;
    }
    const before = pattern.slice(i, open);
    const options = pattern.slice(open + 1, close).split(',');
    if (results.length * options.length > MAX_ALTERNATIVES) return undefined;
    const next: string[] = [];
    for (const r of results) for (const o of options) next.push(r + before + o);
    results = next;
    i = close + 1;
  }
  return results;
}

function compileSegment(text: string): Segment {
  if (text === '**') return { kind: 'globstar' };
  const tokens: Token[] = [];
  for (const char of text) {
    if (char === '*') {
      if (tokens[tokens.length - 1]?.kind !== 'star') tokens.push({ kind: 'star' });
    } else if (char === '?') tokens.push({ kind: 'any' });
    else tokens.push({ kind: 'char', char });
  }
  return { kind: 'tokens', tokens };
}

/** Compiles a checked pattern (see globProblem); an unusable one matches nothing. */
export function compileGlob(pattern: string): CompiledGlob {
  if (globProblem(pattern) !== undefined) return { source: pattern, alternatives: [] };
  const alternatives: CompiledAlternative[] = [];
  for (let alternative of expandBraces(pattern) ?? []) {
    if (alternative.startsWith('./')) alternative = alternative.slice(2);
    while (alternative.endsWith('/') && alternative.length > 1) alternative = alternative.slice(0, -1);
    const anchored = alternative.includes('/');
    if (alternative.startsWith('/')) alternative = alternative.slice(1);
    const parts = alternative.split('/').filter((p) => p !== '' && p !== '.');
    if (parts.length === 0) continue;
    alternatives.push({ segments: parts.map(compileSegment), floating: !anchored });
  }
  return { source: pattern, alternatives };
}

/**
 * One path segment against one pattern segment: the usual wildcard walk that remembers the
 * last `*` only, so it never backtracks further than that star (bounded by segment × pattern).
 */
function segmentMatches(tokens: readonly Token[], name: string): boolean {
  let t = 0;
  let n = 0;
  let starToken = -1;
  let starName = 0;
  while (n < name.length) {
    const token = tokens[t];
    if (token && (token.kind === 'any' || (token.kind === 'char' && token.char === name[n]))) {
      t++;
      n++;
    } else if (token && token.kind === 'star') {
      starToken = t++;
      starName = n;
    } else if (starToken >= 0) {
      t = starToken + 1;
      n = ++starName;
    } else return false;
  }
  while (t < tokens.length && tokens[t].kind === 'star') t++;
  return t === tokens.length;
}

/**
 * Whether the segments match the whole of `names` or a leading part of it (a folder that
 * matches covers everything below it). A set of pattern positions advanced one name at a
 * time: no backtracking, linear in the number of names.
 */
function segmentsMatch(segments: readonly Segment[], names: readonly string[]): boolean {
  const count = segments.length;
  let states = closure(new Set([0]), segments);
  if (states.has(count)) return true;
  for (const name of names) {
    const next = new Set<number>();
    for (const s of states) {
      if (s === count) continue;
      const segment = segments[s];
      if (segment.kind === 'globstar') {
        next.add(s); // `**` takes this name and may take more
        next.add(s + 1);
      } else if (segmentMatches(segment.tokens, name)) next.add(s + 1);
    }
    states = closure(next, segments);
    if (states.has(count)) return true; // this path, or a folder above the rest of it, matched
    if (states.size === 0) return false;
  }
  return false;
}

function closure(states: Set<number>, segments: readonly Segment[]): Set<number> {
  for (const s of [...states]) {
    for (let i = s; i < segments.length && segments[i].kind === 'globstar'; i++) states.add(i + 1);
  }
  return states;
}

/** Whether `relativePath` (`/`-separated, relative to the configuration's folder) matches. */
export function matchesGlob(glob: CompiledGlob, relativePath: string): boolean {
  const names = relativePath.split('/').filter((p) => p !== '' && p !== '.');
  if (names.length === 0 || names[0] === '..') return false; // outside the configuration's folder
  for (const alternative of glob.alternatives) {
    if (alternative.floating) {
      // A bare name matches at any depth: try it from every segment.
      for (let start = 0; start < names.length; start++) if (segmentsMatch(alternative.segments, names.slice(start, start + alternative.segments.length))) return true;
    } else if (segmentsMatch(alternative.segments, names)) return true;
  }
  return false;
}

/** A configuration with its globs compiled once. */
export class ConfigurationMatcher {
  private readonly ignore: CompiledGlob[];
  private readonly overrides: { files: CompiledGlob[]; rules: Record<string, RuleLevel> }[];

  constructor(readonly configuration: LensConfiguration) {
    this.ignore = configuration.ignorePatterns.map(compileGlob);
    this.overrides = configuration.overrides.map((o) => ({ files: o.files.map(compileGlob), rules: o.rules }));
  }

  /** Whether the file at `relativePath` is left out by `ignorePatterns`. */
  isIgnored(relativePath: string): boolean {
    return this.ignore.some((glob) => matchesGlob(glob, relativePath));
  }

  /** `rules`, then every matching `overrides` entry in order (later entries win), then `extra` on top. */
  rulesFor(relativePath: string, extra: Record<string, RuleLevel> = {}): Record<string, RuleLevel> {
    const rules: Record<string, RuleLevel> = { ...this.configuration.rules };
    for (const override of this.overrides) {
      if (override.files.some((glob) => matchesGlob(glob, relativePath))) Object.assign(rules, override.rules);
    }
    return Object.assign(rules, extra);
  }

  /** The core's configuration for one file. */
  configurationFor(relativePath: string, extra: Record<string, RuleLevel> = {}): Configuration {
    const trusted = this.configuration.trustedRegistries;
    return trusted ? { rules: this.rulesFor(relativePath, extra), trustedRegistries: trusted } : { rules: this.rulesFor(relativePath, extra) };
  }
}

/**
 * `path` relative to `folder`, both `/`-separated (URIs or POSIX paths); undefined when
 * `path` is not inside `folder`.
 */
export function relativeTo(folder: string, path: string): string | undefined {
  const base = folder.endsWith('/') ? folder : `${folder}/`;
  return path.startsWith(base) ? path.slice(base.length) : undefined;
}
