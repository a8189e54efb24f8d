// The one measurement of `npm run bench:peers`' analysis rows: run in the bench's own process for the
// "analysis ÷ bare parse" rows, and required by the child process that measures growth (plain
// JavaScript, so a bare `node` can load it).
'use strict';

function cpuMs(f) {
  const start = process.cpuUsage();
  f();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/**
 * CPU time of one bare parse and of one analysis of `text`, per run of `repeat` back to back: the least
 * of `rounds` rounds, each after two unmeasured ones. The unmeasured rounds are there because
 * process.cpuUsage counts V8's compiler thread: at each new size some rules' loops become hot, and each
 * took 20-30 ms of compilation (traced with --trace-opt), which is paid once per process, not per analysis.
 * `core` is the bundled core (analyzeParsed, parseDocument, DockerfileParser, parseAllDocuments).
 */
function leastCost(core, kind, text, repeat, rounds) {
  const doc = { uri: kind === 'manifest' ? 'file:///g/m.yaml' : 'file:///g/Dockerfile', languageId: '', text };
  // The bare parse: the parser alone, as a peer would run it.
  const bare = kind === 'manifest' ? () => core.parseAllDocuments(text) : () => core.DockerfileParser.parse(text);
  let parse = Infinity;
  let full = Infinity;
  for (let round = -2; round < rounds; round++) {
    const parsed = cpuMs(() => {
      for (let i = 0; i < repeat; i++) bare();
    });
    const analysed = cpuMs(() => {
      for (let i = 0; i < repeat; i++) core.analyzeParsed(core.parseDocument(doc), {});
    });
    if (round < 0) continue;
    parse = Math.min(parse, parsed / repeat);
    full = Math.min(full, analysed / repeat);
  }
  return { parse, full };
}

/** One analysis of a tiny Dockerfile, so that both sides then run on the parser as the model leaves it (its patches). */
function warmUp(core) {
  core.analyzeParsed(core.parseDocument({ uri: 'file:///warm/Dockerfile', languageId: '', text: 'FROM scratch\n' }), {});
}

module.exports = { leastCost, warmUp };
