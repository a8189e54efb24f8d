// Our own reading of an instruction's words (raw-words.ts) against dockerfile-ast's getRawArguments, word for word
// and range for range: on every Dockerfile of the repository, on the odd cases of escapes, comments and line
// breaks, and on thousands of random instructions made of the characters that change the reader's state.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DockerfileParser, type Argument, type Instruction } from 'dockerfile-ast';
import { DockerfileModel, keptWordsOf } from '../../server/src/core/dockerfile/model';
import { SourceText } from '../../server/src/core/source';
import { generate } from '../helpers/generate';

const ROOT = join(__dirname, '..', '..');

function shape(args: readonly Argument[]): string[] {
  return args.map((a) => {
    const { start, end } = a.getRange();
    return `${JSON.stringify(a.getValue())} ${start.line}:${start.character}-${end.line}:${end.character}`;
  });
}

/** dockerfile-ast's own reading (private in its typings; the model patches it, but outside a pass it answers with dockerfile-ast's words). */
const rawArguments = (instruction: object): Argument[] => (instruction as { getRawArguments(): Argument[] }).getRawArguments();

/** Every instruction of `text`, read both ways; the first difference is reported with the instruction's text. */
function compare(text: string, label: string): number {
  const dockerfile = DockerfileParser.parse(text);
  let count = 0;
  for (const instruction of dockerfile.getInstructions()) {
    const theirs = shape(rawArguments(instruction));
    const ours = keptWordsOf(instruction);
    assert.ok(ours, `${label}: an instruction without the internals the reader needs`);
    assert.deepEqual(shape(ours), theirs, `${label}: ${JSON.stringify(instruction.getTextContent())}`);
    count++;
  }
  return count;
}

function rangeText(range: { start: { line: number; character: number }; end: { line: number; character: number } } | null): string {
  return range ? `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}` : 'null';
}

/** Each instruction's arguments range and raw arguments text. */
function spans(instructions: readonly Instruction[]): string[] {
  return instructions.map((i) => `${i.getKeyword()} ${rangeText(i.getArgumentsRange())} ${JSON.stringify(i.getRawArgumentsContent())}`);
}

/**
 * The arguments range and raw text of every instruction of `text` as an analysis reads them (the model works them
 * out without making the words, when nothing has read them yet) against dockerfile-ast's own, outside any pass.
 */
function compareSpans(text: string, label: string): void {
  const model = new DockerfileModel(new SourceText('file:///w/Dockerfile', text));
  // The first analysis takes over the words read with the stages; the second starts with none read.
  model.analysing(() => undefined);
  const ours = model.analysing(() => spans(model.ast.getInstructions()));
  assert.deepEqual(ours, spans(DockerfileParser.parse(text).getInstructions()), label);
}

function dockerfilesUnder(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) dockerfilesUnder(path, out);
    else if (/dockerfile|containerfile/i.test(name)) out.push(path);
  }
  return out;
}

it('reads the words of every Dockerfile of the repository as dockerfile-ast does', () => {
  const files = [...dockerfilesUnder(join(ROOT, 'test')), ...dockerfilesUnder(join(ROOT, 'examples'))];
  assert.ok(files.length > 50, `only ${files.length} Dockerfiles found`);
  let instructions = 0;
  for (const file of files) instructions += compare(readFileSync(file, 'utf8'), file);
  for (const lines of [400, 3000]) instructions += compare(generate('dockerfile-multi-stage', lines).text, `generated ${lines}`);
  assert.ok(instructions > 3000);
});

it('finds the arguments range and text of every Dockerfile of the repository as dockerfile-ast does', () => {
  const files = [...dockerfilesUnder(join(ROOT, 'test')), ...dockerfilesUnder(join(ROOT, 'examples'))];
  for (const file of files) compareSpans(readFileSync(file, 'utf8'), file);
  compareSpans(generate('dockerfile-multi-stage', 400).text, 'generated 400');
});

it('reads escapes, comment lines and line breaks as dockerfile-ast does', () => {
  const cases = [
    'RUN a b\tc',
    'RUN a \\\n  b',
    'RUN a\\\n  b',
    'RUN a \\  \n  b',
    'RUN a \\  x',
    'RUN \\  x y',
    'RUN a \\\r\n  b\r\n',
    'RUN a \\\r  b',
    'RUN a \\\n# a comment line \\\n  b',
    'RUN a \\\n  # indented comment\n  b',
    'RUN a \\\n\n  b',
    'RUN a \\\n \t \n  b c',
    'RUN echo \\$HOME \\"quoted\\" \\\\ end',
    'RUN echo a\\',
    'RUN echo a \\',
    'RUN echo a\\b\\ c',
    'RUN a#b # not a comment',
    'ENV A=1 \\\n    B="two words" \\\n    C=3',
    'LABEL "key"="value with \\\n spaces"',
    '# escape=`\nRUN a `\n  b `$x c\\d',
    '# escape=`\nRUN dir c:\\ `\n  && echo `\t\n  done',
    'RUN <<EOF\necho one\necho two\nEOF\n',
    'RUN <<-EOT bash\n\techo "x \\\n y"\nEOT\n',
    'COPY --from=build /a /b',
    'CMD ["node", "server.js"]',
    'RUN \u00e9t\u00e9 \ud83d\ude00 emoji\\\ud83d\ude00',
    'RUN',
    'RUN   ',
    'RUN a \\',
    'COPY --chown=1:1 --from=a /x /y',
    'COPY --link',
    'COPY --link \\\n  --from=a \\\n  /x /y',
    'RUN --mount=type=cache,target=/var/cache/apt \\\n  apt-get update',
    'RUN --mount=type=secret,id=npm',
    'ADD --checksum=sha256:0123 https://example.com/a.tgz /a.tgz',
    'HEALTHCHECK --interval=5s CMD curl -f http://localhost/',
    'ONBUILD RUN make',
    'ENTRYPOINT ["a", "b"]',
    'CMD []',
  ];
  for (const text of cases) compare(`FROM scratch\n${text}\n`, JSON.stringify(text));
  for (const text of cases) compare(`FROM scratch\n${text}`, JSON.stringify(text));
  for (const text of cases) compareSpans(`FROM scratch\n${text}\n`, JSON.stringify(text));
  for (const text of cases) compareSpans(`FROM scratch\n${text}`, JSON.stringify(text));
});

it('reads random instructions as dockerfile-ast does', () => {
  // Made of the characters that change the reader's state, with a seeded generator so a failure can be replayed.
  let seed = 1201;
  const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const pieces = [' ', ' ', '\t', '\n', '\r\n', '\r', '\\', '\\', '`', '#', '$', '"', "'", 'a', 'bc', 'word', '=', '-', '\u00e9', '\\\n', '\\ \n', ' # c\n'];
  for (let n = 0; n < 4000; n++) {
    const escape = n % 5 === 0 ? '# escape=`\n' : '';
    let body = '';
    const length = 1 + Math.floor(random() * 24);
    for (let i = 0; i < length; i++) body += pieces[Math.floor(random() * pieces.length)];
    const keyword = ['RUN', 'ENV', 'LABEL', 'COPY', 'CMD', 'ARG'][n % 6];
    compare(`${escape}FROM scratch\n${keyword} ${body}\n${keyword} x${body}`, `random ${n}`);
  }
});

it('finds the arguments range and text of random instructions as dockerfile-ast does', () => {
  // As above, with flags among the pieces: the range starts after an instruction's leading flags.
  let seed = 1202;
  const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const pieces = [' ', ' ', '\t', '\n', '\r\n', '\\', '`', '#', '$', '"', 'a', 'word', '=', '--from=a ', '--link ', '--mount=type=cache ', '-', '\\\n', '\\ \n', ' # c\n'];
  for (let n = 0; n < 2000; n++) {
    const escape = n % 5 === 0 ? '# escape=`\n' : '';
    let body = '';
    const length = 1 + Math.floor(random() * 16);
    for (let i = 0; i < length; i++) body += pieces[Math.floor(random() * pieces.length)];
    const keyword = ['RUN', 'COPY', 'ADD', 'ENV', 'CMD', 'HEALTHCHECK', 'WORKDIR'][n % 7];
    compareSpans(`${escape}FROM scratch\n${keyword} ${body}\n${keyword} x${body}`, `random ${n}`);
  }
});

it('serves the model the same words through its own reading', () => {
  // Inside an analysis the words come from the model's own reading; outside one, from dockerfile-ast's. Which reader
  // the model uses is a matter of speed (npm run bench); this checks that what it serves is the same.
  const text = generate('dockerfile-multi-stage', 400).text;
  const model = new DockerfileModel(new SourceText('file:///w/Dockerfile', text));
  const reference = DockerfileParser.parse(text).getInstructions().map((i) => shape(rawArguments(i)));
  const read = model.analysing(() => model.ast.getInstructions().map((i) => shape(rawArguments(i))));
  assert.deepEqual(read, reference);
});
