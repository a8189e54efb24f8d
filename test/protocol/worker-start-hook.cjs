// Loaded with `node --require` by worker-start.test.ts: writes a line to stderr for every worker thread the
// server starts (with its script) and when the server's main bundle is loaded, so the test sees their order.
'use strict';
const threads = require('node:worker_threads');
const Module = require('node:module');

const Worker = threads.Worker;
threads.Worker = class RecordedWorker extends Worker {
  constructor(script, options) {
    process.stderr.write(`hook: worker ${String(script)}\n`);
    super(script, options);
  }
};
const load = Module._load;
Module._load = function (request, ...rest) {
  if (String(request).endsWith('server-main.js')) process.stderr.write('hook: load server-main.js\n');
  return load.call(this, request, ...rest);
};
