/**
 * A container's `command` + `args` read as what actually runs: either one argv (exec
 * style) or, when it is `sh -c "<script>"`, the simple commands of that script. Every
 * word keeps its exact range in the YAML source, also inside quoted and block
 * scalars, so a rule can point at `nodemon` inside a three-line `args: [|…]` script.
 * Reuses the forgiving shell lexer of the Dockerfile side; nothing here executes.
 */
import { isScalar, type Document, type Node, type Scalar } from 'yaml';
import { comparePositions, type SourceText } from '../source';
import { adminTaskWord } from '../dockerfile/admin-tasks';
import { programWords, unwrapRunner } from '../dockerfile/start-command';
import { isKeepAlive } from '../dockerfile/keep-alive';
import { effectiveWords, LogicalTextBuilder, splitCommands, type LogicalText, type ShellWord, type SimpleCommand } from '../dockerfile/shell';
import type { Container, KubeObject, KubernetesModel } from './model';
import { resolve, seqItems, valueOf } from './yaml-nodes';

export type { ShellWord, SimpleCommand };

export interface ArgvWord extends ShellWord {
  /** The YAML scalar this word is (argv item) or lies in (shell script). */
  scalar: Scalar | undefined;
}

export interface ContainerCommand {
  /** `command` then `args`, one word per sequence item. */
  argv: ArgvWord[];
  /** Set when the argv is a shell running a script (`sh -c "…"`): the script item. */
  script: ArgvWord | undefined;
  /** What runs, in order: the script's simple commands, or the argv as one command. */
  commands: SimpleCommand[];
  /** True when any part is a Helm/Go template expression: the real command is unknown. */
  templated: boolean;
  /** The parts of the script (offsets in its value, in order) that run nothing: comments, here-document bodies, what `echo` prints. */
  inert?: Array<[from: number, to: number]>;
}

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh']);

/**
 * The scalar's value as a logical text whose every character knows its source offset.
 * Quotes, escapes, block indentation and folding are aligned greedily: a character
 * that cannot be found keeps the previous position, so this never fails, it at worst
 * widens a range by a character.
 */
export function scalarLogical(source: SourceText, node: Scalar): LogicalText | undefined {
  // Asked for the same scalar by the container's argv, its `sh -c` script, findInCommand's ranges and rules: mapped once.
  const kept = logicalTexts.get(node);
  if (kept && kept.source === source) return kept.logical;
  const logical = mapScalar(source, node);
  logicalTexts.set(node, { source, logical });
  return logical;
}

/** Per scalar node, its logical text (yaml's nodes are keys of WeakMaps here, see attached.ts). */
const logicalTexts = new WeakMap<Scalar, { source: SourceText; logical: LogicalText | undefined }>();

function mapScalar(source: SourceText, node: Scalar): LogicalText | undefined {
  if (!node.range) return undefined;
  const value = node.value === null || node.value === undefined ? '' : String(node.value);
  const [start, valueEnd] = node.range;
  const text = source.lfText; // same offsets; a lone CR counts as a line break
  let p = start;
  if (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') p++;
  else if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') {
    const newline = text.indexOf('\n', start);
    p = newline >= 0 && newline < valueEnd ? newline + 1 : start;
  }
  const out = new LogicalTextBuilder();
  for (const ch of value.split('')) {
    if (/\s/.test(ch)) {
      out.push(ch, Math.min(p, Math.max(valueEnd - 1, start)));
      if (p < valueEnd && /\s/.test(text[p])) p++;
      continue;
    }
    const found = text.indexOf(ch, p);
    if (found >= 0 && found < valueEnd) {
      out.push(ch, found);
      p = found + 1;
    } else {
      out.push(ch, Math.min(p, Math.max(valueEnd - 1, start)));
    }
  }
  return out.done(out.end ?? p);
}

function argvWord(source: SourceText, node: Node, doc: Document): ArgvWord | undefined {
  const scalar = resolve(node, doc);
  if (!isScalar(scalar) || !scalar.range) return undefined;
  const value = scalar.value === null || scalar.value === undefined ? '' : String(scalar.value);
  const logical = scalarLogical(source, scalar);
  const range =
    logical && value.length > 0
      ? source.rangeOf(logical.offsetAt(0), logical.offsetAt(value.length - 1) + 1)
      : source.rangeOf(scalar.range[0], scalar.range[1]);
  return { value, raw: source.text.slice(scalar.range[0], scalar.range[1]), range, quoted: scalar.type !== 'PLAIN', scalar };
}

/** Reads the container's command and args; `undefined` when it sets neither. */
export function containerCommand(source: SourceText, container: Container, doc: Document): ContainerCommand | undefined {
  // A container belongs to one parse of one document: its command is read once, however many rules ask.
  if (commandsByContainer.has(container)) return commandsByContainer.get(container);
  const items = [...seqItems(valueOf(container.node, 'command', doc), doc), ...seqItems(valueOf(container.node, 'args', doc), doc)];
  const argv = items.map((n) => argvWord(source, n, doc)).filter((w): w is ArgvWord => !!w);
  const command = commandOfArgv(source, argv);
  commandsByContainer.set(container, command);
  return command;
}

const commandsByContainer = new WeakMap<Container, ContainerCommand | undefined>();

/** Reads an exec handler's `command` (probes, lifecycle hooks). */
export function execCommand(source: SourceText, commandNode: Node | undefined, doc: Document): ContainerCommand | undefined {
  const argv = seqItems(commandNode, doc).map((n) => argvWord(source, n, doc)).filter((w): w is ArgvWord => !!w);
  return commandOfArgv(source, argv);
}

function commandOfArgv(source: SourceText, argv: ArgvWord[]): ContainerCommand | undefined {
  if (argv.length === 0) return undefined;
  const templated = argv.some((w) => w.value.includes('{{'));
  // `args` may be written above `command`: the range spans both, whatever their order in the file.
  const starts = argv.map((w) => w.range.start).sort(comparePositions);
  const ends = argv.map((w) => w.range.end).sort(comparePositions);
  const asCommand: SimpleCommand = { words: argv, terminator: 'end', range: { start: starts[0], end: ends[ends.length - 1] } };
  const script = shellScriptOf(argv);
  if (script?.scalar) {
    const logical = scalarLogical(source, script.scalar);
    if (logical) {
      const inert: Array<[number, number]> = [];
      const commands = splitCommands(source, logical, '\\', inert);
      return { argv, script, commands, templated, inert: inert.length > 0 ? inert.sort((a, b) => a[0] - b[0]) : undefined };
    }
  }
  return { argv, script: undefined, commands: [asCommand], templated };
}

/** The script word of `sh -c "<script>"` (after wrappers like `tini --` or `dumb-init`). */
function shellScriptOf(argv: ArgvWord[]): ArgvWord | undefined {
  const effective = effectiveWords({ words: argv, terminator: 'end', range: argv[0].range }) as ArgvWord[];
  if (effective.length < 2 || !SHELLS.has(basename(effective[0].value))) return undefined;
  for (let i = 1; i < effective.length; i++) {
    const word = effective[i].value;
    if (!word.startsWith('-')) return undefined;
    if (/^-[abd-z]*c[a-z]*$/.test(word)) return effective[i + 1];
  }
  return undefined;
}

/** The program a command runs, without its path (`/usr/local/bin/gunicorn` -> `gunicorn`). */
export function programOf(command: SimpleCommand): string {
  const words = effectiveWords(command);
  return words.length > 0 ? basename(words[0].value) : '';
}

export function basename(word: string): string {
  return word.split('/').pop() ?? word;
}

/**
 * A command as a message quotes it: its words, every run of white space (the line breaks of a quoted
 * multi-line argument too) shown as one space, and at most `max` characters, cut with `…` (never
 * between the two halves of a surrogate pair).
 */
export function commandSummary(command: SimpleCommand, max = 50): string {
  const text = command.words.map((w) => w.value).join(' ').replace(/\s+/g, ' ').trim();
  if (text.length <= max) return text;
  let cut = max - 3;
  const before = text.charCodeAt(cut - 1);
  if (before >= 0xd800 && before <= 0xdbff) cut--;
  return `${text.slice(0, cut)}…`;
}

/**
 * Text that replaces `word` in the source: quoted when the word is a whole plain
 * scalar whose new value YAML would otherwise read differently (`-`, `*`, `: `).
 */
export function replacementFor(word: ShellWord & { scalar?: Scalar }, newValue: string): string {
  const wholePlain = word.scalar?.type === 'PLAIN' && String(word.scalar.value) === word.value;
  if (wholePlain && !/^[A-Za-z0-9_./=@%+][A-Za-z0-9_./=@%+:-]*$/.test(newValue)) return JSON.stringify(newValue);
  return newValue;
}

/**
 * A schema migration, seeding or cache warm-up step (`manage.py migrate`, `rails db:migrate`, `alembic upgrade head`,
 * `prisma migrate deploy`, `flyway migrate`, `npm run migrate` …), as the Dockerfile rules recognise it.
 */
export function isMigrationCommand(command: SimpleCommand): boolean {
  const { words, program } = programWords(command);
  return adminTaskWord(words, program) !== undefined;
}

/**
 * Drops language runners that only start the real tool (`bundle exec`, `npx`, `poetry run`, `uv run`, `python -m`,
 * `ddtrace-run` …), as the Dockerfile rules do (unwrapRunner), for a command's words as text.
 */
export function runnerStripped(words: string[]): string[] {
  let out = words.map((value) => ({ value }));
  for (let step = 0; step < MAX_RUNNERS; step++) {
    const next = unwrapRunner(out);
    if (next === out) break;
    out = next;
  }
  return out.map((w) => w.value);
}

/** How many runners in a row are dropped (`poetry run ddtrace-run python -m app`). */
const MAX_RUNNERS = 8;

/**
 * True when the container only idles: its command, or the last step of its script, is a keep-alive
 * and nothing was started in the background before it. Such a container is a toolbox or client
 * (`postgres:16` with `sleep infinity` for `kubectl exec`), not the server its image ships: what it
 * runs replaces the image's entrypoint. A `while true; do …; sleep 60; done` loop is work, not idling.
 */
export function isIdleCommand(command: ContainerCommand | undefined): boolean {
  if (!command || command.templated) return false;
  const steps = command.commands.filter((c) => c.words.length > 0);
  const last = steps[steps.length - 1];
  if (!last) return false;
  const background = steps.filter((c) => c.terminator === '&');
  // `sleep infinity & wait` (so the shell can trap SIGTERM) idles the same way.
  if (programOf(last) === 'wait') return background.length > 0 && background.every(isKeepAlive);
  if (background.length > 0) return false;
  if (steps.some((c) => /^(while|until|for|do|done)$/.test(c.words[0]?.value ?? ''))) {
    // Inside a loop body a sleep paces work, unless sleeping is all the loop does (`while true; do sleep 3600; done`).
    const programs = steps.map((c) => basename(effectiveWords(c)[0]?.value ?? ''));
    return programs.includes('sleep') && programs.every((p) => p === '' || p === 'sleep' || p === 'true' || p === 'false' || p === ':' || p === 'done');
  }
  return isKeepAlive(last);
}

/**
 * Every long-running (non-init) container of the file's pod specs that sets a command
 * or args whose text is known (no template expressions), with that command parsed.
 */
export function* appContainerCommands(model: KubernetesModel, source: SourceText): Generator<{ object: KubeObject; container: Container; command: ContainerCommand }> {
  for (const object of model.objects) {
    if (!object.podSpec) continue;
    for (const container of object.podSpec.containers) {
      const command = containerCommand(source, container, object.doc);
      if (command && !command.templated) yield { object, container, command };
    }
  }
}
