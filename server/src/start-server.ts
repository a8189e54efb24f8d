/**
 * dist/server.js, what the editor starts: it starts the first analysis worker, then loads the language server
 * (dist/server-main.js, built from server.ts), whose pool adopts that worker. The worker and the server then
 * load side by side instead of one after the other (see worker-start.ts).
 */
import { join } from 'node:path';
import { widenThreadPool } from './thread-pool';
import { analysisWorkerScript, startEarlyWorker, workerOptionsFromEnvironment } from './worker-start';

// First of all: the file reads of the workspace index need more than libuv's four threads (see thread-pool.ts).
widenThreadPool(process.env);
startEarlyWorker(analysisWorkerScript(__dirname), workerOptionsFromEnvironment(process.env));
// A separate bundle, loaded at run time: not a module of this one.
require(join(__dirname, 'server-main.js'));
