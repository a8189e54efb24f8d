// What the Dockerfile model keeps of a parse, kept small: a script's logical text as pieces of the
// document (not an offset per character), and each instruction's words as four numbers and a flat
// string (not dockerfile-ast's range objects). Both must answer exactly what the long forms did.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SourceText } from '../../server/src/core/source';
import { LogicalTextBuilder, logicalText, splitCommands, verbatimText } from '../../server/src/core/dockerfile/shell';
import { DockerfileModel, propertiesOf } from '../../server/src/core/dockerfile/model';

const source = (text: string) => new SourceText('file:///w/Dockerfile', text, 'dockerfile');

/**
 * A document assembled from parts that Docker keeps or drops, and the offset of every kept character:
 * what a logical text's pieces must answer, worked out without its reader.
 */
function assembled(parts: [text: string, kept: boolean][]): { text: string; offsets: number[] } {
  let text = '';
  const offsets: number[] = [];
  for (const [part, kept] of parts) {
    if (kept) for (let i = 0; i < part.length; i++) offsets.push(text.length + i);
    text += part;
  }
  return { text, offsets };
}

describe('LogicalText: a script as pieces of the document', () => {
  const { text, offsets } = assembled([
    ['FROM alpine\nRUN ', false],
    ['apk add ', true],
    ['\\\n', false],
    ['    curl ', true],
    ['\\\n# a comment Docker drops\n', false],
    ['    git  ', true],
    ['\\  \r\n', false],
    ['    && echo done', true],
    ['\n', false],
  ]);
  const start = text.indexOf('apk');
  const end = text.length - 1;
  const logical = logicalText(source(text), start, end);

  it('drops continuations and comment lines, and maps every character back to the document', () => {
    assert.equal(logical.text, 'apk add     curl     git      && echo done');
    assert.equal(offsets.length, logical.text.length);
    offsets.forEach((offset, i) => assert.equal(logical.offsetAt(i), offset, `character ${i} (${logical.text[i]})`));
    assert.equal(logical.offsetAt(logical.text.length), end);
    assert.equal(logical.offsetAt(logical.text.length + 5), end);
  });

  it('keeps one piece per continued line, however long the lines are', () => {
    const lines = Array.from({ length: 40 }, (_, i) => `echo ${'x'.repeat(200)} ${i}`);
    const long = assembled([['RUN ', false], ...lines.flatMap((line, i): [string, boolean][] => (i === 0 ? [[line, true]] : [[' && ', true], ['\\\n', false], ['    ' + line, true]])), ['\n', false]]);
    const l = logicalText(source(long.text), 4, long.text.length - 1);
    const pieces = (l as unknown as { starts: number[] }).starts.length;
    assert.equal(pieces, 40);
    for (const i of [0, 1, 199, 200, 5000, l.text.length - 1]) assert.equal(l.offsetAt(i), long.offsets[i]);
  });

  it('prefix ends where the next character starts; retext keeps the pieces under a new text', () => {
    const cut = logical.text.indexOf('curl');
    const head = logical.prefix(cut);
    assert.equal(head.text, logical.text.slice(0, cut));
    assert.equal(head.offsetAt(head.text.length), text.indexOf('curl'));
    assert.equal(logical.prefix(logical.text.length + 3), logical);

    const raw = 'echo \\"hi\\"';
    const doc = `CMD ["sh", "-c", "${raw}"]\n`;
    const s = doc.indexOf(raw);
    const verbatim = verbatimText(source(doc), s, s + raw.length);
    const value = 'echo "hi"';
    const mapped = verbatim.retext(value, s + raw.length);
    assert.equal(mapped.text, value);
    assert.equal(mapped.offsetAt(0), s);
    assert.equal(mapped.offsetAt(value.length), s + raw.length);
  });

  it('an empty text answers its one offset', () => {
    assert.equal(verbatimText(source('x'.repeat(20)), 17, 17).offsetAt(0), 17);
    assert.equal(logicalText(source('RUN \\\n'), 4, 6).offsetAt(0), 6);
  });

  it("the builder starts a piece wherever offsets stop running on (a YAML scalar's greedy alignment)", () => {
    const b = new LogicalTextBuilder();
    for (const [ch, at] of [['a', 10], ['b', 11], [' ', 11], ['c', 15], ['d', 16]] as const) b.push(ch, at);
    const l = b.done(17);
    assert.deepEqual([0, 1, 2, 3, 4, 5].map((i) => l.offsetAt(i)), [10, 11, 11, 15, 16, 17]);
  });

  it('words split from pieces keep their exact ranges', () => {
    const src = source(text);
    const words = splitCommands(src, logical).flatMap((c) => c.words);
    assert.deepEqual(
      words.map((w) => [w.value, src.textOf(w.range)]),
      [['apk', 'apk'], ['add', 'add'], ['curl', 'curl'], ['git', 'git'], ['echo', 'echo'], ['done', 'done']],
    );
  });
});

describe("an instruction's words as the model keeps them", () => {
  const text = [
    'ARG BASE=node:20',
    'FROM ${BASE} AS build',
    'COPY --chown=node:node --from=deps /app/node_modules-with-a-long-name ./node_modules',
    'RUN npm ci \\',
    '    --omit=dev \\',
    '  # still the same RUN',
    '    && "quoted words with spaces" \'single\' a\\ b',
    'ENV A=1 B="two words" \\',
    '    C=three',
    'HEALTHCHECK --interval=30s CMD ["curl", "-f", "http://localhost:8080/healthz-with-a-long-path"]',
    'CMD node server.js',
    '',
  ].join('\r\n');
  const model = new DockerfileModel(source(text));

  it("answers the values and ranges dockerfile-ast reads, and the same before/after tests", () => {
    for (const instruction of model.instructions) {
      // Outside an analysis dockerfile-ast reads the words itself; inside one, the model's kept words answer.
      const read = instruction.getArguments();
      const kept = model.analysing(() => instruction.getArguments());
      assert.ok(kept.length > 0 && kept.length === read.length, instruction.getKeyword());
      assert.ok(kept.every((w) => w.constructor !== read[0].constructor), 'the kept words are the compact ones');
      kept.forEach((word, i) => {
        assert.equal(word.getValue(), read[i].getValue());
        assert.equal(String(word), String(read[i]));
        assert.deepEqual(word.getRange(), read[i].getRange());
        assert.equal(word.getRange(), word.getRange(), 'a range, once made, is the same object');
        const { start, end } = read[i].getRange();
        for (const line of [start.line - 1, start.line, end.line, end.line + 1]) {
          for (const character of [0, start.character - 1, start.character, start.character + 1, end.character - 1, end.character, end.character + 1, 200]) {
            const position = { line, character };
            assert.equal(word.isAfter(position), read[i].isAfter(position), `isAfter ${JSON.stringify(position)} of ${word.getValue()}`);
            assert.equal(word.isBefore(position), read[i].isBefore(position), `isBefore ${JSON.stringify(position)} of ${word.getValue()}`);
          }
        }
      });
    }
  });
});

describe('command lines: what an analysis keeps of each RUN, CMD and ENTRYPOINT', () => {
  const text = [
    'FROM alpine:3.20',
    'RUN --mount=type=cache,target=/var/cache/apk apk add curl \\',
    '    && echo "done here"',
    'RUN ["sh", "-c", "echo exec && true"]',
    'HEALTHCHECK --interval=30s CMD curl -f http://localhost:8080/healthz || exit 1',
    'ENTRYPOINT ["node"]',
    'CMD node server.js \\',
    '  --port 8080',
    '',
  ].join('\r\n');
  const src = source(text);
  const model = new DockerfileModel(src);

  it("answers each command line's arguments range as dockerfile-ast does (after any flags; for HEALTHCHECK after CMD)", () => {
    let lines = 0;
    for (const instruction of model.instructions) {
      const line = model.commandLine(instruction);
      if (!line) continue;
      lines++;
      const theirs = instruction.getArgumentsRange()!;
      if (instruction.getKeyword() === 'HEALTHCHECK') {
        assert.equal(src.textOf(line.argumentsRange), 'curl -f http://localhost:8080/healthz || exit 1');
        assert.deepEqual(line.argumentsRange.end, theirs.end);
      } else {
        assert.deepEqual(line.argumentsRange, theirs, instruction.getKeyword());
      }
    }
    assert.equal(lines, 5);
    assert.equal(src.textOf(model.commandLine(model.instructionsOf('RUN')[0])!.argumentsRange), 'apk add curl \\\r\n    && echo "done here"');
  });

  it("keeps a word's value and two offsets, and works out its range and raw text when asked", () => {
    const run = model.commandLine(model.instructionsOf('RUN')[0])!;
    const words = run.commands.flatMap((c) => c.words);
    assert.deepEqual(
      words.map((w) => [w.value, w.raw, w.quoted, src.textOf(w.range)]),
      [
        ['apk', 'apk', false, 'apk'],
        ['add', 'add', false, 'add'],
        ['curl', 'curl', false, 'curl'],
        ['echo', 'echo', false, 'echo'],
        ['done here', '"done here"', true, '"done here"'],
      ],
    );
    // Nothing per word beyond what answers these: a range kept per word was copied by the collector for the
    // whole analysis (see shell.ts).
    for (const word of words) assert.deepEqual(Object.keys(word).sort(), ['from', 'place', 'quoted', 'to', 'value']);
    assert.deepEqual(run.commands.map((c) => src.textOf(c.range)), ['apk add curl', 'echo "done here"']);
    assert.notEqual(words[0].range, words[0].range, 'made when asked, not kept');
  });
});

describe("ENV, LABEL and ARG properties: what rules read, without dockerfile-ast's Property kept", () => {
  const text = ['ARG A B=1 C="two words"', 'FROM alpine', 'ENV APP_HOME=/app LOG_LEVEL="info level" \\', '    EMPTY=', 'ENV LEGACY some value here', 'LABEL org.example.team=platform', ''].join('\n');
  const src = source(text);
  const model = new DockerfileModel(src);

  it('answers names, unquoted values, defaults and ranges as dockerfile-ast reads them', () => {
    const read = (keyword: string) =>
      model.analysing(() => model.instructions.filter((i) => i.getKeyword() === keyword).flatMap((i) => propertiesOf(i).map((p) => [p.name, p.value, p.hasDefault, src.textOf(p.nameRange), src.textOf(p.valueRange)])));
    assert.deepEqual(read('ARG'), [
      ['A', '', false, 'A', 'A'],
      ['B', '1', true, 'B', '1'],
      ['C', 'two words', true, 'C', '"two words"'],
    ]);
    assert.deepEqual(read('ENV'), [
      ['APP_HOME', '/app', true, 'APP_HOME', '/app'],
      ['LOG_LEVEL', 'info level', true, 'LOG_LEVEL', '"info level"'],
      ['EMPTY', '', true, 'EMPTY', ''],
      ['LEGACY', 'some value here', true, 'LEGACY', 'some value here'],
    ]);
    assert.deepEqual(read('LABEL'), [['org.example.team', 'platform', true, 'org.example.team', 'platform']]);
  });

  it("leaves no Property list on the instruction once read: an analysis keeps only the answers, for itself", () => {
    for (const instruction of model.instructions.filter((i) => ['ENV', 'LABEL'].includes(i.getKeyword()))) {
      model.analysing(() => propertiesOf(instruction));
      assert.equal((instruction as unknown as { properties?: unknown }).properties, undefined, instruction.getKeyword());
      // dockerfile-ast's own reading still works, and still caches for other callers.
      const own = (instruction as unknown as { getProperties(): { getName(): string }[] }).getProperties();
      assert.ok(own.length > 0);
      assert.equal((instruction as unknown as { properties?: unknown }).properties, own);
    }
  });
});
