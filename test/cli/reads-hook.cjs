// Loaded with `node --require` into dist/cli.js by reads.test.ts. Under TFL_TEST_ROOT it counts the CLI's file
// opens and folder listings in flight (the most at once) and its look-ups for a configuration file or `.git`
// (fs.existsSync). With TFL_TEST_FIFOS, the CLI's first open first opens those FIFOs, which nobody writes to: each
// holds a thread of libuv's pool, after the CLI's entry point has sized the pool and before any of its reads.
// With TFL_TEST_SLOW_MS, every synchronous open and listing under the root first waits that long, as on slow storage;
// the synchronous opens under the root are counted ("opens in turn").
'use strict';
const fs = require('node:fs');
const { basename, delimiter, relative } = require('node:path');

const root = process.env.TFL_TEST_ROOT ?? '';
const fifos = (process.env.TFL_TEST_FIFOS ?? '').split(delimiter).filter(Boolean);
const under = (path) => root !== '' && typeof path === 'string' && path.startsWith(root);

/** Wraps the callback function fs[name]: `before` runs first on every call; the most calls under the root in flight at once. */
function countInFlight(name, before = () => undefined) {
  const original = fs[name];
  const count = { now: 0, most: 0 };
  fs[name] = function (path, ...rest) {
    before();
    if (!under(path)) return original.call(fs, path, ...rest);
    const callback = rest.pop();
    count.most = Math.max(count.most, ++count.now);
    return original.call(fs, path, ...rest, (...args) => {
      count.now--;
      callback(...args);
    });
  };
  return count;
}

const open = fs.open;
let held = false;
const opens = countInFlight('open', () => {
  if (held) return;
  held = true;
  for (const fifo of fifos) open.call(fs, fifo, 'r', () => undefined);
});
const listings = countInFlight('readdir');

const slowMs = Number(process.env.TFL_TEST_SLOW_MS ?? 0);
const pause = new Int32Array(new SharedArrayBuffer(4));
const openSync = fs.openSync;
let opensInTurn = 0;
fs.openSync = function (path, ...rest) {
  if (under(path)) {
    opensInTurn++;
    if (slowMs > 0) Atomics.wait(pause, 0, 0, slowMs);
  }
  return openSync.call(fs, path, ...rest);
};
const readdirSync = fs.readdirSync;
fs.readdirSync = function (path, ...rest) {
  if (under(path) && slowMs > 0) Atomics.wait(pause, 0, 0, slowMs);
  return readdirSync.call(fs, path, ...rest);
};

const existsSync = fs.existsSync;
const lookups = [];
fs.existsSync = function (path) {
  if (under(path) && ['.twelve-factor-lens.json', '.git'].includes(basename(path))) lookups.push(relative(root, path));
  return existsSync.call(fs, path);
};

process.on('exit', () => process.stderr.write(`hook: ${opens.most} opens in flight at most; ${listings.most} listings in flight at most; configuration look-ups: ${lookups.join(' ')}; ${opensInTurn} opens in turn\n`));
