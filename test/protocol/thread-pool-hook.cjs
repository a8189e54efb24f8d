// Loaded with `node --require` by thread-pool.test.ts. After dist/server.js has run its first turn, it opens the
// FIFOs named in TFL_TEST_FIFOS for reading (nobody writes to them, so each open holds a thread of libuv's pool)
// and then reads a regular file: that read finishes only if the pool has a thread to spare.
'use strict';
const fs = require('node:fs');
const { delimiter } = require('node:path');

const fifos = (process.env.TFL_TEST_FIFOS ?? '').split(delimiter).filter(Boolean);
setImmediate(() => {
  for (const fifo of fifos) fs.open(fifo, 'r', () => undefined);
  fs.readFile(__filename, () => process.stderr.write(`hook: read while ${fifos.length} opens wait; UV_THREADPOOL_SIZE=${process.env.UV_THREADPOOL_SIZE ?? ''}\n`));
});
