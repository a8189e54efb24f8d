/**
 * The Dockerfile as rules want to see it, built once per document version on top of
 * dockerfile-ast: build stages with their (ARG-expanded) base images, the final stage
 * that becomes the running container, effective ENV per stage, and every command line
 * (RUN, CMD, ENTRYPOINT, HEALTHCHECK CMD) split into shell words with exact ranges.
 */
import { DockerfileParser, Instruction as InstructionClass, ModifiableInstruction as ModifiableInstructionClass, Property as PropertyClass } from 'dockerfile-ast';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { readRawWords } from './raw-words';
import type { Argument, Dockerfile, Instruction, From, Property, Heredoc } from 'dockerfile-ast';
import type { Range } from '../types';
import { SourceText } from '../source';
import { logicalText, verbatimText, splitCommands, type LogicalText, type SimpleCommand, type ShellWord } from './shell';
import { AttachedCache } from '../attached';
import { addTo } from '../lists';
import { isDevelopmentOrTestStage, isReleaseStage } from './stage-names';

export interface ImageReference {
  /** As written after FROM, e.g. `${BASE}:${TAG}`. */
  raw: string;
  /** With ARG defaults substituted; `undefined` when a variable has no known value. */
  expanded: string | undefined;
  /** Repository without tag or digest (e.g. `node`, `gcr.io/distroless/nodejs20`). */
  name: string | undefined;
  tag: string | undefined;
  digest: string | undefined;
  range: Range;
}

export interface Stage {
  index: number;
  /** `AS name`, lower-cased as Docker treats it; undefined when unnamed. */
  name: string | undefined;
  from: From;
  image: ImageReference;
  /** The earlier stage this one is built `FROM`, when it names one. */
  parent: Stage | undefined;
  /** Instructions of this stage, FROM included. */
  instructions: Instruction[];
  range: Range;
}

export interface EnvVariable {
  name: string;
  /** Value with quotes removed, as the container would see it (variables not expanded). */
  value: string;
  /** False for a name declared without `=` (`ARG NAME`); an ENV or LABEL property always has a value. */
  hasDefault: boolean;
  instruction: Instruction;
  nameRange: Range;
  /** Range of the value as written; falls back to the name when the value is empty. */
  valueRange: Range;
}

export type CommandForm = 'exec' | 'shell';

/** A command line carried by RUN, CMD, ENTRYPOINT or HEALTHCHECK CMD. */
export interface CommandLine {
  instruction: Instruction;
  form: CommandForm;
  /** Exec form: the JSON array's strings, each with its range (quotes included). */
  execArgs: ShellWord[];
  /**
   * The script the shell runs: the shell-form text, or for exec form a
   * `["sh", "-c", "<script>"]` script. `undefined` for exec form without a shell.
   */
  script: LogicalText | undefined;
  /** Simple commands of `script` (empty when there is none). */
  commands: SimpleCommand[];
  /** Range of everything after the keyword and flags (for HEALTHCHECK, after `CMD`). */
  argumentsRange: Range;
}

/**
 * A command line as the model keeps it: its arguments' range is worked out when asked for (one rule asks, for
 * CMD and ENTRYPOINT), not kept for every RUN of the file while the analysis runs.
 */
class BuiltCommandLine implements CommandLine {
  constructor(
    readonly instruction: Instruction,
    readonly form: CommandForm,
    readonly execArgs: ShellWord[],
    readonly script: LogicalText | undefined,
    readonly commands: SimpleCommand[],
    private readonly source: SourceText,
    private readonly start: number,
    private readonly end: number,
  ) {}

  get argumentsRange(): Range {
    return this.source.rangeOf(this.start, this.end);
  }
}

/** The longest text an expansion of build variables yields; past it the value is unknown (see DockerfileModel.expand). */
const MAX_EXPANDED_LENGTH = 16_384;

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', '/bin/sh', '/bin/bash', '/bin/ash', '/bin/dash', '/usr/bin/env']);

export class DockerfileModel {
  readonly ast: Dockerfile;
  readonly escapeChar: string;
  /** ARG defaults declared before the first FROM (the only ones FROM can use). */
  readonly globalArgs: Map<string, string | undefined>;
  readonly stages: Stage[];
  private commandLines = new Map<Instruction, CommandLine | undefined>();
  /** Look-ups asked once per instruction or per stage, answered from indexes built on first use. */
  private stagesByName: Map<string, Stage> | undefined;
  private inherited = new Map<string, Instruction[]>();
  private envs = new Map<Stage, Map<string, EnvVariable>>();
  private lastByKeyword = new Map<string, (Instruction | undefined)[]>();
  private byKeyword: Map<string, Instruction[]> | undefined;
  private shipped: { stage: Stage | undefined } | undefined;
  /** The instructions' words read while reading the stages, kept until the first analysis (see analysing). */
  private wordsOfStages: Map<object, Argument[]> | undefined;

  constructor(readonly source: SourceText) {
    linearCommentOrganisation();
    argumentsReadOnce();
    this.wordsOfStages = new Map();
    this.ast = whileReadingArguments(() => DockerfileParser.parse(source.text), new LatestWords());
    this.escapeChar = this.ast.getEscapeCharacter();
    this.globalArgs = new Map();
    for (const arg of this.ast.getInitialARGs()) {
      const property = arg.getProperty();
      if (property) this.globalArgs.set(property.getName(), property.getValue() ?? undefined);
    }
    this.stages = whileReadingArguments(() => this.buildStages(), this.wordsOfStages);
  }

  /**
   * Runs an analysis of this parse with every instruction's words read at most once. The first analysis
   * reuses the words our reading of the stages read (a parse is analysed right away); later ones read them again.
   */
  analysing<T>(run: () => T): T {
    const words = this.wordsOfStages ?? new Map<object, Argument[]>();
    this.wordsOfStages = undefined;
    return whileReadingArguments(run, words);
  }

  /**
   * The stage that becomes the running container: the last one, unless the last is named for development or tests
   * (`AS development`, `AS debug`, `AS test`) and an earlier stage is named as the release (`AS production`,
   * `AS release`, `AS runtime`): then the last such stage, which the project builds with `--target` (forem's
   * Containerfile ends with `FROM builder AS development` after its `production` stage; Jaeger's with
   * `FROM release AS debug`). Without a stage named as the release, the last stage is the image, whatever its name.
   */
  get finalStage(): Stage | undefined {
    if (this.shipped === undefined) this.shipped = { stage: shippedStage(this.stages) };
    return this.shipped.stage;
  }

  get instructions(): Instruction[] {
    return this.ast.getInstructions();
  }

  /**
   * The instructions with this keyword (upper case), in document order. Grouped in one pass when first
   * asked: a rule about RUN reads a quarter of a typical Dockerfile's instructions, not all of them.
   */
  instructionsOf(keyword: string): readonly Instruction[] {
    if (!this.byKeyword) {
      this.byKeyword = new Map();
      for (const instruction of this.instructions) addTo(this.byKeyword, instruction.getKeyword(), instruction);
    }
    return this.byKeyword.get(keyword) ?? [];
  }

  /** Stage `name` (case-insensitive) or index, as used by `COPY --from=` and `FROM`. */
  stageByReference(reference: string): Stage | undefined {
    const lower = reference.toLowerCase();
    if (/^\d+$/.test(lower)) return this.stages[Number(lower)];
    if (!this.stagesByName) {
      this.stagesByName = new Map();
      for (const s of this.stages) if (s.name !== undefined && !this.stagesByName.has(s.name)) this.stagesByName.set(s.name, s);
    }
    return this.stagesByName.get(lower);
  }

  /** Stage that contains `instruction` (binary search: stages are in file order and do not overlap). */
  stageOf(instruction: Instruction): Stage | undefined {
    const line = instruction.getRange().start.line;
    let lo = 0;
    let hi = this.stages.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = this.stages[mid];
      if (line < s.range.start.line) hi = mid - 1;
      else if (line > s.range.end.line) lo = mid + 1;
      else return s;
    }
    return undefined;
  }

  /** Stages whose result reaches the final image: the final stage and its FROM ancestors. */
  runtimeLineage(): Stage[] {
    const lineage: Stage[] = [];
    const seen = new Set<Stage>();
    for (let s = this.finalStage; s && !seen.has(s); s = s.parent) {
      seen.add(s);
      lineage.push(s);
    }
    return lineage;
  }

  /** Instructions of `stage` and of the stages it is built FROM, oldest first, by keyword. Shared: do not mutate. */
  inheritedInstructions(stage: Stage, keyword?: string): Instruction[] {
    const keyOf = (s: Stage) => `${s.index}\u0000${keyword ?? ''}`;
    const cached = this.inherited.get(keyOf(stage));
    if (cached) return cached;
    // Up the FROM chain to the nearest stage already answered (or the root); this stage's list is that
    // one's plus what the stages in between add, and is that very array when they add nothing. Asked
    // for every stage of a long chain in order, each answer then costs a step, not the whole chain.
    const chain: Stage[] = [];
    const seen = new Set<Stage>();
    let base: Instruction[] = [];
    for (let s: Stage | undefined = stage; s && !seen.has(s); s = s.parent) {
      const known = this.inherited.get(keyOf(s));
      if (known) {
        base = known;
        break;
      }
      seen.add(s);
      chain.push(s);
    }
    const added: Instruction[] = [];
    for (let c = chain.length - 1; c >= 0; c--) for (const i of chain[c].instructions) if (!keyword || i.getKeyword() === keyword) added.push(i);
    const list = added.length === 0 ? base : base.concat(added);
    this.inherited.set(keyOf(stage), list);
    return list;
  }

  /** ENV variables set in `stage` (and the stages it is built FROM), later ones winning. Shared: do not mutate. */
  envOf(stage: Stage): Map<string, EnvVariable> {
    let env = this.envs.get(stage);
    if (!env) {
      env = new Map<string, EnvVariable>();
      for (const instruction of this.inheritedInstructions(stage, 'ENV')) {
        for (const v of propertiesOf(instruction)) env.set(v.name, v);
      }
      this.envs.set(stage, env);
    }
    return env;
  }

  /** The effective CMD/ENTRYPOINT of a stage: the last one declared (inherited from parent stages). */
  lastOf(stage: Stage, keyword: 'CMD' | 'ENTRYPOINT' | 'HEALTHCHECK' | 'USER' | 'WORKDIR' | 'STOPSIGNAL'): Instruction | undefined {
    // One pass over all stages per keyword: a stage's last is its own, else its parent's (parents come first).
    let lasts = this.lastByKeyword.get(keyword);
    if (!lasts) {
      lasts = [];
      for (const s of this.stages) {
        let own: Instruction | undefined;
        for (const i of s.instructions) if (i.getKeyword() === keyword) own = i;
        lasts.push(own ?? (s.parent && s.parent.index < s.index ? lasts[s.parent.index] : undefined));
      }
      this.lastByKeyword.set(keyword, lasts);
    }
    return lasts[stage.index];
  }

  /** Splits a RUN, CMD, ENTRYPOINT or HEALTHCHECK into its command line; cached per instruction. */
  commandLine(instruction: Instruction): CommandLine | undefined {
    if (!this.commandLines.has(instruction)) this.commandLines.set(instruction, this.buildCommandLine(instruction));
    return this.commandLines.get(instruction);
  }

  /**
   * Expands `$VAR`, `${VAR}`, `${VAR:-default}` from the given values; `undefined` if any is unknown, or if the result
   * would pass MAX_EXPANDED_LENGTH (`ARG A2=$A1$A1`, `ARG A3=$A2$A2`, ... doubles at each line: such a value is unknown).
   * A form this does not read (BuildKit's `${VAR/pattern/replacement}`, `${VAR#prefix}`, `${VAR%suffix}`) makes the
   * value unknown too, rather than a text that still holds `${`.
   */
  expand(text: string, values: Pick<ReadonlyMap<string, string | undefined>, 'get'> = this.globalArgs): string | undefined {
    let unknown = false;
    let length = text.length;
    const substitute = (name: string, op: string | undefined, word: string): string => {
      if (unknown) return '';
      const value = values.get(name);
      length += (value ?? word ?? '').length;
      if (length > MAX_EXPANDED_LENGTH) {
        unknown = true;
        return '';
      }
      if (op === '-') return value ? value : word;
      if (op === '+') return value ? word : '';
      if (value === undefined) {
        unknown = true;
        return '';
      }
      return value;
    };
    // A default word stops before another `${NAME-`/`${NAME:`/`${NAME+` (which starts its own attempt), so an
    // unclosed `${A+${A+…` is not rescanned to the end from every `$`.
    const result = text.replace(
      /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?::?([-+])((?:[^}$]|\$(?!\{[A-Za-z_][A-Za-z0-9_]*[-+:]))*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g,
      (_m, braced, op, word, bare) => substitute(braced ?? bare, op, word),
    );
    return unknown || result.includes('${') ? undefined : result;
  }

  private buildStages(): Stage[] {
    const stages: Stage[] = [];
    const byName = new Map<string, Stage>();
    const instructions = this.ast.getInstructions();
    let current: Stage | undefined;
    for (const instruction of instructions) {
      if (instruction.getKeyword() === 'FROM') {
        const from = instruction as From;
        const image = this.imageOf(from);
        const name = from.getBuildStage()?.toLowerCase() ?? undefined;
        const parentName = image.expanded?.toLowerCase();
        const parent = parentName ? byName.get(parentName) : undefined;
        current = { index: stages.length, name, from, image, parent, instructions: [instruction], range: instruction.getRange() };
        stages.push(current);
        if (name !== undefined && !byName.has(name)) byName.set(name, current);
      } else if (current) {
        current.instructions.push(instruction);
        current.range = { start: current.range.start, end: instruction.getRange().end };
      }
    }
    return stages;
  }

  private imageOf(from: From): ImageReference {
    const range = from.getImageRange() ?? from.getRange();
    const raw = from.getImage() ?? '';
    const expanded = this.expand(raw);
    let name: string | undefined;
    let tag: string | undefined;
    let digest: string | undefined;
    if (expanded !== undefined && expanded !== '') {
      const at = expanded.indexOf('@');
      const withoutDigest = at >= 0 ? expanded.slice(0, at) : expanded;
      digest = at >= 0 ? expanded.slice(at + 1) : undefined;
      const slash = withoutDigest.lastIndexOf('/');
      const colon = withoutDigest.lastIndexOf(':');
      if (colon > slash) {
        name = withoutDigest.slice(0, colon);
        tag = withoutDigest.slice(colon + 1);
      } else {
        name = withoutDigest;
      }
    }
    return { raw, expanded, name, tag, digest, range };
  }

  private buildCommandLine(instruction: Instruction): CommandLine | undefined {
    const keyword = instruction.getKeyword();
    if (!['RUN', 'CMD', 'ENTRYPOINT', 'HEALTHCHECK'].includes(keyword)) return undefined;
    const source = this.source;
    let argsRange = instruction.getArgumentsRange();
    if (!argsRange) return undefined;
    if (keyword === 'HEALTHCHECK') {
      const args = instruction.getArguments();
      if (args.length === 0 || args[0].getValue().toUpperCase() !== 'CMD') return undefined;
      const after = args[1]?.getRange().start;
      if (!after) return undefined;
      argsRange = { start: after, end: argsRange.end };
    }
    const startOffset = source.offsetAt(argsRange.start);
    const endOffset = source.offsetAt(argsRange.end);
    const firstChar = source.text[startOffset];

    if (firstChar === '[') {
      const execArgs = parseExecArray(source, startOffset, endOffset);
      if (execArgs) {
        let script: LogicalText | undefined;
        const program = execArgs[0]?.value ?? '';
        const cIndex = execArgs.findIndex((a, i) => i > 0 && /^-[a-z]*c$/.test(a.value));
        if ((SHELLS.has(program) || SHELLS.has(program.split('/').pop() ?? '')) && cIndex > 0 && execArgs[cIndex + 1]) {
          const scriptArg = execArgs[cIndex + 1];
          // Offsets inside a JSON string differ from the value when escapes are used; map
          // the raw string between the quotes, which is exact for the common unescaped case.
          const s = source.offsetAt(scriptArg.range.start) + 1;
          const e = source.offsetAt(scriptArg.range.end) - 1;
          script = verbatimText(source, s, e);
          if (script.text !== scriptArg.value) script = script.retext(scriptArg.value, e);
        }
        const commands = script ? splitCommands(source, script, this.escapeChar) : [];
        return new BuiltCommandLine(instruction, 'exec', execArgs, script, commands, source, startOffset, endOffset);
      }
    }

    let script: LogicalText;
    const firstLine = logicalText(source, startOffset, endOffset, this.escapeChar);
    // A heredoc needs a `<<` in the arguments; asking dockerfile-ast re-reads them, so ask only then.
    const heredocs = firstLine.text.includes('<<') ? heredocsOf(instruction, this.escapeChar) : [];
    const heredocOnly = /^<<-?\s*(["']?)([A-Za-z0-9_]+)\1\s*(\n|$)/.exec(firstLine.text);
    if (keyword === 'RUN' && heredocs.length > 0 && heredocOnly) {
      // `RUN <<EOF` runs the body with the shell; the body's lines are commands.
      const body = contained(() => heredocs[0].getContentRange(), null);
      script = body ? verbatimText(source, source.offsetAt(body.start), source.offsetAt(body.end)) : verbatimText(source, startOffset, startOffset);
    } else if (heredocs.length > 0) {
      // `RUN python3 <<EOF`: the command is on the first line; the body is that program's input.
      const nl = firstLine.text.indexOf('\n');
      script = nl >= 0 ? firstLine.prefix(nl) : firstLine;
    } else {
      script = firstLine;
    }
    return new BuiltCommandLine(instruction, 'shell', [], script, splitCommands(source, script, this.escapeChar), source, startOffset, endOffset);
  }
}

type Position = { line: number; character: number };
type Span = { start: Position; end: Position };
interface CommentHolder {
  getRange(): Span;
  addComment(comment: unknown): void;
}
interface ParsedDockerfileInternals {
  organizeComments?: () => void;
  getComments(): { getRange(): Span }[];
  initialInstructions?: CommentHolder;
  buildStages?: CommentHolder[];
}

/** See DockerfileModel.finalStage. */
function shippedStage(stages: Stage[]): Stage | undefined {
  const last = stages[stages.length - 1];
  if (!last || !isDevelopmentOrTestStage(last.name)) return last;
  for (let i = stages.length - 2; i >= 0; i--) if (isReleaseStage(stages[i].name)) return stages[i];
  return last;
}

let commentOrganisationPatched = false;

/**
 * dockerfile-ast hands each comment to the build stage that contains it by testing every comment against
 * every stage: quadratic in a file with many stages and comments (9,000 stages: seconds). Replaced, once,
 * by the same assignment through a binary search (stages are in file order and do not overlap). We do not
 * read the stages' comments ourselves; this only keeps parsing linear.
 */
function linearCommentOrganisation(): void {
  if (commentOrganisationPatched) return;
  commentOrganisationPatched = true;
  const proto = Object.getPrototypeOf(DockerfileParser.parse('FROM scratch\n')) as ParsedDockerfileInternals;
  if (typeof proto?.organizeComments !== 'function') return;
  const inside = (p: Position, r: Span): boolean =>
    r.start.line === r.end.line
      ? r.start.line === p.line && r.start.character <= p.character && p.character <= r.end.character
      : r.start.line === p.line
        ? r.start.character <= p.character
        : r.end.line === p.line
          ? p.character <= r.end.character
          : r.start.line < p.line && p.line < r.end.line;
  const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  proto.organizeComments = function (this: ParsedDockerfileInternals) {
    const initial = this.initialInstructions;
    const stages = this.buildStages;
    if (!initial || !stages) return;
    const initialRange = initial.getRange();
    const ranges = stages.map((stage) => stage.getRange());
    for (const comment of this.getComments()) {
      const range = comment.getRange();
      if (inside(range.end, initialRange)) {
        initial.addComment(comment);
        continue;
      }
      // The last stage starting at or before the comment is the only one that can contain it.
      let lo = 0;
      let hi = ranges.length - 1;
      let found = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (before(ranges[mid].start, range.start)) {
          found = mid;
          lo = mid + 1;
        } else hi = mid - 1;
      }
      if (found >= 0 && inside(range.start, ranges[found])) stages[found].addComment(comment);
    }
  };
}

let argumentsPatched = false;
const readArguments = new AttachedCache<object, Argument[]>('words');
/** Instructions with at least this many words keep them for the life of the parse (see argumentsReadOnce). */
const KEEP_ARGUMENTS_FROM = 64;
/** The words of every instruction read during one parse or one analysis (see whileReadingArguments). */
let argumentsOfThisPass: WordStore | undefined;

/** Where a pass keeps the words it read. */
interface WordStore {
  get(instruction: object): Argument[] | undefined;
  set(instruction: object, words: Argument[]): unknown;
}

/**
 * The words of the instruction read last, and of no other. dockerfile-ast's parse asks for an instruction's
 * words up to nine times, always while it builds that instruction and never again after; keeping only the
 * latest lets every other instruction's words die young instead of being copied by the collector.
 */
class LatestWords implements WordStore {
  private instruction: object | undefined;
  private words: Argument[] | undefined;

  get(instruction: object): Argument[] | undefined {
    return instruction === this.instruction ? this.words : undefined;
  }

  set(instruction: object, words: Argument[]): void {
    this.instruction = instruction;
    this.words = words;
  }
}

/**
 * dockerfile-ast re-reads an instruction's arguments from its text every time one is asked for: its own
 * constructors ask four times (`CMD` with 190,000 words: half a second each), and rules ask again (a RUN
 * of a 10,000-line Dockerfile is read about forty times per analysis, 40% of the analysis's CPU). The
 * words of an instruction never change once parsed, so a reading is reused and each caller gets its own
 * copy of the list (dockerfile-ast shifts flags off the copy it is given). During our own parses and analyses
 * the words are read by readRawWords (raw-words.ts), which gives the same words and ranges in a fraction of the
 * time and garbage; any other caller gets dockerfile-ast's own reading.
 * - long instructions (64 words or more) keep their words for the life of the parse;
 * - every other instruction keeps them only while an analysis, or our reading of the stages, runs
 *   (whileReadingArguments). Keeping every instruction's words between analyses held 5 MB more per
 *   10,000-line Dockerfile open in the editor (npm run bench, 15 -> 20 MB against a 16.7 MB budget);
 * - while dockerfile-ast's own parse runs, only the words of the instruction it is building are kept
 *   (LatestWords): it asks up to nine times per instruction, always in a row. Keeping them all until the
 *   analysis made the collector copy them through it: at 10,000 lines, 12.8 MB promoted during the parse
 *   (3.9 MB this way) and 57 ms of the analysis's 200 in scavenges (27 ms this way).
 */
function argumentsReadOnce(): void {
  if (argumentsPatched) return;
  argumentsPatched = true;
  const proto = InstructionClass.prototype as unknown as { getRawArguments?: () => Argument[]; getKeyword?: () => string };
  // The keyword is upper-cased anew on every call (390,000 calls per analysis of 10,000 lines): kept once read.
  const keywordOf = proto.getKeyword;
  if (typeof keywordOf === 'function') {
    const KEYWORD = Symbol('keyword');
    proto.getKeyword = function (this: { [KEYWORD]?: string }): string {
      return (this[KEYWORD] ??= keywordOf.call(this));
    };
  }
  const original = proto.getRawArguments;
  if (typeof original !== 'function') return;
  proto.getRawArguments = function (this: object): Argument[] {
    const kept = readArguments.get(this) ?? argumentsOfThisPass?.get(this);
    if (kept) return kept.slice();
    if (argumentsOfThisPass) {
      // Our own parses and analyses read the words in one pass of their own (raw-words.ts).
      const words = keptWordsOf(this) ?? (original.call(this) as Argument[]).map(compactWord);
      if (words.length >= KEEP_ARGUMENTS_FROM) readArguments.set(this, words);
      else argumentsOfThisPass.set(this, words);
      return words.slice();
    }
    const args: Argument[] = original.call(this);
    if (args.length < KEEP_ARGUMENTS_FROM) return args;
    const words = args.map(compactWord);
    readArguments.set(this, words);
    return words.slice();
  };
  // The range of the arguments and their text, during our passes, without making words that nothing else may ask for.
  const spans = proto as { getArguments?: unknown; getArgumentsRange?: () => Range | null; getRawArgumentsContent?: () => string | null };
  const { getArgumentsRange: rangeOf, getRawArgumentsContent: contentOf, getArguments: plainWords } = spans;
  const flaggedWords = (ModifiableInstructionClass.prototype as unknown as { getArguments?: unknown }).getArguments;
  if (typeof rangeOf !== 'function' || typeof contentOf !== 'function' || typeof plainWords !== 'function' || typeof flaggedWords !== 'function') return;
  const unreadSpan = (instruction: object): ArgumentsSpan | null | undefined =>
    argumentsOfThisPass && !readArguments.has(instruction) && !argumentsOfThisPass.get(instruction) ? argumentsSpanOf(instruction, plainWords, flaggedWords) : undefined;
  spans.getArgumentsRange = function (this: object): Range | null {
    const span = unreadSpan(this);
    if (span === undefined) return rangeOf.call(this);
    return span && rangeAt(span.document, span.start, span.end);
  };
  // dockerfile-ast's own: the text of getArgumentsRange's range.
  spans.getRawArgumentsContent = function (this: object): string | null {
    const span = unreadSpan(this);
    if (span === undefined) return contentOf.call(this);
    return span && span.document.getText().slice(span.start, span.end);
  };
}

/** What readRawWords needs of a dockerfile-ast instruction; internals, so each is checked before use. */
interface InstructionText {
  document?: TextDocument;
  escapeChar?: string;
  getRange?: () => Range;
  getInstructionRange?: () => Range;
}

/**
 * The instruction's words as KeptWords, read by readRawWords from the document's text: the same words and
 * ranges as dockerfile-ast's getRawArguments. Undefined when the instruction lacks what that needs.
 */
export function keptWordsOf(instruction: object): Argument[] | undefined {
  const text = argumentsTextOf(instruction);
  if (!text) return undefined;
  const { document, escapeChar, from, to } = text;
  const words: Argument[] = [];
  readRawWords(document.getText(), from, to, escapeChar, (value, start, end) => {
    // A value joined from pieces (an escape inside the word) is flattened, so that no chain of pieces is kept.
    if (value.length > 0) value.charCodeAt(0);
    words.push(new KeptWord(value, start, end, document) as unknown as Argument);
  });
  return words;
}

/** Where an instruction's words are read from: its document, escape character, and the offsets after its keyword and at its end. */
function argumentsTextOf(instruction: object): { document: TextDocument; escapeChar: string; from: number; to: number } | undefined {
  const { document, escapeChar } = instruction as InstructionText;
  const { getRange, getInstructionRange } = instruction as InstructionText;
  if (!document || typeof escapeChar !== 'string' || escapeChar.length !== 1 || typeof getRange !== 'function' || typeof getInstructionRange !== 'function') return undefined;
  return { document, escapeChar, from: document.offsetAt(getInstructionRange.call(instruction).end), to: document.offsetAt(getRange.call(instruction).end) };
}

/** The range of dockerfile-ast's document between two offsets: how the words, spans and properties the model keeps as offsets are reported. */
function rangeAt(document: TextDocument, start: number, end: number): Range {
  return { start: document.positionAt(start), end: document.positionAt(end) };
}

/** Where an instruction's arguments are: offsets in its document. */
interface ArgumentsSpan {
  document: TextDocument;
  start: number;
  end: number;
}

/**
 * Where an instruction's arguments are, as dockerfile-ast's getArgumentsRange finds them (its first word's
 * start to its last word's end, after any leading flags), read without making the words: every RUN and COPY
 * is asked for it by the analysis, most of them for nothing else. Null when it has no arguments, undefined when
 * this cannot tell: words of an instruction class it does not know, or flags not yet read.
 */
function argumentsSpanOf(instruction: object, plainWords: unknown, flaggedWords: unknown): ArgumentsSpan | null | undefined {
  const { getArguments, flags } = instruction as { getArguments?: unknown; flags?: unknown };
  let skip = 0;
  if (getArguments === flaggedWords && Array.isArray(flags)) skip = flags.length;
  else if (getArguments !== plainWords) return undefined;
  const text = argumentsTextOf(instruction);
  if (!text) return undefined;
  let count = 0;
  let start = -1;
  let end = -1;
  readRawWords(text.document.getText(), text.from, text.to, text.escapeChar, (_value, wordStart, wordEnd) => {
    if (count++ === skip) start = wordStart;
    end = wordEnd;
  }, false);
  return count <= skip ? null : { document: text.document, start, end };
}

/**
 * A word of an instruction in the form that is kept: its value as one flat string, and where it is as two
 * offsets in its document. The range object is made when first asked for, and most words' ranges never are.
 * An analysis keeps every word it read until it ends (at 10,000 lines, 90,000 words), and the collector
 * copies what outlives the young generation, so a word is kept as small as it can be.
 */
class KeptWord {
  constructor(
    private readonly value: string,
    private readonly start: number,
    private readonly end: number,
    private document: TextDocument | undefined,
    private range?: Range,
  ) {}

  toString(): string {
    return this.value;
  }

  getValue(): string {
    return this.value;
  }

  getRange(): Range {
    if (!this.range) {
      this.range = rangeAt(this.document!, this.start, this.end);
      this.document = undefined;
    }
    return this.range;
  }

  isAfter(position: { line: number; character: number }): boolean {
    const { start, end } = this.getRange();
    if (end.line < position.line) return false;
    return start.line > position.line ? true : start.character > position.character;
  }

  isBefore(position: { line: number; character: number }): boolean {
    const { start, end } = this.getRange();
    if (start.line < position.line) return true;
    return end.line > position.line ? false : end.character < position.character;
  }
}

/** A word as dockerfile-ast read it, kept as a KeptWord with the range it already has. */
function compactWord(argument: Argument): Argument {
  const value = argument.getValue();
  // Reading a character flattens the string in place: dockerfile-ast builds a value a character at a time.
  if (value.length > 0) value.charCodeAt(0);
  return new KeptWord(value, 0, 0, undefined, argument.getRange()) as unknown as Argument;
}

/**
 * Runs one parse or one analysis with every instruction's words read at most once, into `words`, which
 * is no longer written once it returns. Analyses are synchronous, so one pass is active at a time (a
 * nested call joins it).
 */
function whileReadingArguments<T>(run: () => T, words: WordStore): T {
  argumentsReadOnce();
  if (argumentsOfThisPass) return run();
  argumentsOfThisPass = words;
  try {
    return run();
  } finally {
    argumentsOfThisPass = undefined;
    for (const forget of passMemos) forget();
  }
}

/** What each memo made by readOncePerPass forgets when a pass ends. */
const passMemos: (() => void)[] = [];

/**
 * `read`, answered once per instruction (or other key) during a parse or an analysis, as instructions'
 * words are; outside one, read every time. Nothing is kept once the pass ends.
 */
export function readOncePerPass<K extends object, V>(read: (key: K) => V): (key: K) => V {
  // Made by the pass that first asks and dropped when it ends: a table kept from one pass to the next ages
  // into the old generation, and what a later pass puts in it then outlives that pass (see attached.ts).
  let memo: Map<K, V> | undefined;
  passMemos.push(() => {
    memo = undefined;
  });
  return (key) => {
    if (!argumentsOfThisPass) return read(key);
    memo ??= new Map();
    if (memo.has(key)) return memo.get(key) as V;
    const value = read(key);
    memo.set(key, value);
    return value;
  };
}

/**
 * Runs a dockerfile-ast getter that can throw on odd input (its heredoc getters do, e.g. on `RUN <<-`
 * followed by a tab-only line) and degrades to `fallback`: one strange instruction then reads as
 * having no heredoc instead of failing every rule that asks about it.
 */
function contained<T>(get: () => T, fallback: T): T {
  try {
    return get();
  } catch {
    return fallback;
  }
}

/** The longest word read as a heredoc's opening (`<<EOF`, `<<-"END_OF_SCRIPT"`): real ones are short. */
const MAX_HEREDOC_WORD = 64;

/**
 * The heredocs of an instruction (none when dockerfile-ast cannot read them, or should not be asked).
 *
 * dockerfile-ast reads a heredoc's name again for every line of the instruction, and each reading of a
 * word with escape characters in it takes time growing with the word's length squared: fuzzing found
 * `RUN <<-` followed by 10,000 backslashes, then 200 lines, which took 31 s. An opening word longer than
 * any real one, or with the escape character in it, is therefore not read as a heredoc at all: the
 * instruction is then an ordinary shell command, which is what such a word is to a reader anyway.
 */
export function heredocsOf(instruction: Instruction, escapeChar: string): Heredoc[] {
  const withHeredocs = instruction as unknown as { getHeredocs?: () => Heredoc[] };
  if (typeof withHeredocs.getHeredocs !== 'function') return [];
  for (const word of instruction.getArguments()) {
    const value = word.getValue();
    if (value.startsWith('<<') && (value.length > MAX_HEREDOC_WORD || value.includes(escapeChar))) return [];
  }
  return contained(() => withHeredocs.getHeredocs!.call(instruction), []);
}

/** Parses a JSON exec-form array; `undefined` when it is not valid JSON (Docker then treats it as shell form). */
function parseExecArray(source: SourceText, start: number, end: number): ShellWord[] | undefined {
  const logical = logicalText(source, start, end);
  let values: unknown;
  try {
    values = JSON.parse(logical.text);
  } catch {
    return undefined;
  }
  if (!Array.isArray(values) || !values.every((v) => typeof v === 'string')) return undefined;
  const words: ShellWord[] = [];
  const re = /"((?:[^"\\]|\\.)*)"/g;
  let m: RegExpExecArray | null;
  let k = 0;
  while ((m = re.exec(logical.text)) && k < values.length) {
    const s = logical.offsetAt(m.index);
    const e = logical.offsetAt(m.index + m[0].length - 1) + 1;
    words.push({ value: values[k] as string, raw: m[0], range: source.rangeOf(s, e), quoted: true });
    k++;
  }
  return words;
}

/** ENV / ARG / LABEL properties with unquoted values and exact ranges, in order (read once per pass: several rules ask). */
export const propertiesOf: (instruction: Instruction) => readonly EnvVariable[] = readOncePerPass(readProperties);

function readProperties(instruction: Instruction): EnvVariable[] {
  const properties = (instruction.getKeyword() === 'ARG' ? argDeclarations(instruction) : undefined) ?? declaredProperties(instruction);
  const document = (instruction as unknown as { document?: TextDocument }).document;
  // Only what rules read is kept, not dockerfile-ast's Property: with its four ranges it was a tenth of what
  // a 10,000-line Dockerfile's analysis keeps, and what an analysis keeps the collector copies.
  return properties.map((property) => {
    const nameRange = property.getNameRange();
    const valueRange = property.getValueRange() ?? nameRange;
    const value = property.getValue();
    const name = property.getName();
    const text = unquote(value ?? '');
    if (!document) return { name, value: text, hasDefault: value !== null, instruction, nameRange, valueRange };
    return new ReadProperty(name, text, value !== null, instruction, document, document.offsetAt(nameRange.start), document.offsetAt(nameRange.end), document.offsetAt(valueRange.start), document.offsetAt(valueRange.end));
  });
}

/**
 * A property as the model keeps it: its name's and value's places as offsets, their ranges made when asked (rules
 * ask only for what they report). Kept ranges were 240 bytes a property, for as long as the model's ENV lists live.
 */
class ReadProperty implements EnvVariable {
  constructor(
    readonly name: string,
    readonly value: string,
    readonly hasDefault: boolean,
    readonly instruction: Instruction,
    private readonly document: TextDocument,
    private readonly nameStart: number,
    private readonly nameEnd: number,
    private readonly valueStart: number,
    private readonly valueEnd: number,
  ) {}

  get nameRange(): Range {
    return rangeAt(this.document, this.nameStart, this.nameEnd);
  }

  get valueRange(): Range {
    return rangeAt(this.document, this.valueStart, this.valueEnd);
  }
}

/** dockerfile-ast's own reading of the properties (ENV and LABEL: `NAME=value` pairs, or the legacy `NAME value`). */
function declaredProperties(instruction: Instruction): Property[] {
  const getProperties = (instruction as unknown as { getProperties?: () => Property[] }).getProperties;
  const getProperty = (instruction as unknown as { getProperty?: () => Property | null }).getProperty;
  if (typeof getProperties !== 'function') return typeof getProperty === 'function' ? [getProperty.call(instruction)].filter((p): p is Property => !!p) : [];
  const cache = instruction as unknown as { properties?: Property[] };
  const cached = cache.properties !== undefined;
  const properties = getProperties.call(instruction);
  // dockerfile-ast keeps them on the instruction once read, with four ranges each, for as long as the parse lives.
  // What rules read of them is kept by readProperties (once per analysis), so the instruction lets them go.
  if (!cached && Array.isArray(cache.properties)) cache.properties = undefined;
  return properties;
}

/**
 * `ARG A B=1` declares two arguments; dockerfile-ast reads two words as the legacy
 * `NAME VALUE` form of ENV. Each word of an ARG is its own `NAME[=default]`.
 */
function argDeclarations(instruction: Instruction): Property[] | undefined {
  const internals = instruction as unknown as { document?: TextDocument; escapeChar?: string; getPropertyArguments?: () => Argument[] };
  if (!internals.document || typeof internals.getPropertyArguments !== 'function') return undefined;
  return internals.getPropertyArguments().map((argument) => new PropertyClass(internals.document!, internals.escapeChar ?? '\\', argument));
}

/** Words of a command line as rules usually want them: exec args, or each shell command's words. */
export function isExecForm(instruction: Instruction): boolean {
  const opening = (instruction as unknown as { getOpeningBracket?: () => unknown }).getOpeningBracket;
  return typeof opening === 'function' && opening.call(instruction) !== null;
}

/** Removes one pair of surrounding quotes and backslash escapes, as Docker does for ENV/ARG values. */
export function unquote(value: string): string {
  const m = /^(["'])([\s\S]*)\1$/.exec(value);
  if (!m) return value.replace(/\\(.)/g, '$1');
  return m[1] === "'" ? m[2] : m[2].replace(/\\(["\\$`])/g, '$1');
}
