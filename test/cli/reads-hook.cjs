// Loaded with `node --require` into dist/cli.js by reads.test.ts. Under TFL_TEST_ROOT it counts the CLI's file
// opens in flight (the most at once) and its look-ups for a configuration file or `.git` (fs.existsSync). With
// TFL_TEST_FIFOS, the CLI's first open first opens those FIFOs, which nobody writes to: each holds a thread of
// libuv's pool, after the CLI's entry point has sized the pool and before any of its reads.
'use strict';
const fs = require('node:fs');
const { basename, delimiter, relative } = require('node:path');

const root = process.env.TFL_TEST_ROOT ?? '';
const fifos = (process.env.TFL_TEST_FIFOS ?? '').split(delimiter).filter(Boolean);
const under = (path) => root !== '' && typeof path === 'string' && path.startsWith(root);

const open = fs.open;
let inFlight = 0;
let most = 0;
let held = false;
fs.open = function (path, ...rest) {
  if (!held) {
    held = true;
    for (const fifo of fifos) open.call(fs, fifo, 'r', () => undefined);
  }
  if (!under(path)) return open.call(fs, path, ...rest);
  const callback = rest.pop();
  inFlight++;
  most = Math.max(most, inFlight);
  return open.call(fs, path, ...rest, (...args) => {
    inFlight--;
    callback(...args);
  });
};

const existsSync = fs.existsSync;
const lookups = [];
fs.existsSync = function (path) {
  if (under(path) && ['.twelve-factor-lens.json', '.git'].includes(basename(path))) lookups.push(relative(root, path));
  return existsSync.call(fs, path);
};

process.on('exit', () => process.stderr.write(`hook: ${most} opens in flight at most; configuration look-ups: ${lookups.join(' ')}\n`));
