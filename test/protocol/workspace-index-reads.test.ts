// The server's workspace index reads its files as the CLI does (cli-files.ts readRegularFiles): a bounded number in
// flight, each opened without blocking and checked on its descriptor, at most the CLI's size limit, so that the
// editor and the CLI see the same files. It used to stat each file and then read it with fs/promises, in batches of
// 32 where one slow file held up its batch; these cases fail on that code (it made no such opens).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs, { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { READS_IN_FLIGHT } from '../../server/src/cli-files';
import { WorkspaceIndex } from '../../server/src/workspace-index';
import { POD_MANIFEST, writeAppFolders } from '../helpers/app-folders';

const FILES = READS_IN_FLIGHT + 8;
let dir: string;

before(() => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'tfl-index-reads-')));
  writeAppFolders(dir, FILES);
  writeFileSync(join(dir, 'apps', 'binary.yaml'), Buffer.from([0x6b, 0x69, 0x6e, 0x64, 0x00, 0x01]));
});

after(() => rmSync(dir, { recursive: true, force: true }));

/** Counts the opens under `dir` while `run` runs: the most in flight at once, and whether each asked not to block. */
async function countingOpens(run: () => Promise<void>): Promise<{ most: number; opens: number; blocking: number }> {
  const original = fs.open;
  const count = { now: 0, most: 0, opens: 0, blocking: 0 };
  (fs as { open: unknown }).open = function (path: fs.PathLike, flags: number, ...rest: unknown[]) {
    const callback = rest.pop() as (...args: unknown[]) => void;
    if (typeof path !== 'string' || !path.startsWith(dir)) return (original as (...a: unknown[]) => void).call(fs, path, flags, ...rest, callback);
    count.opens++;
    if (typeof flags !== 'number' || (flags & fs.constants.O_NONBLOCK) === 0) count.blocking++;
    count.most = Math.max(count.most, ++count.now);
    return (original as (...a: unknown[]) => void).call(fs, path, flags, ...rest, (...args: unknown[]) => {
      count.now--;
      callback(...args);
    });
  };
  try {
    await run();
  } finally {
    (fs as { open: unknown }).open = original;
  }
  return count;
}

describe('the workspace index reading its files', () => {
  it(`keeps ${READS_IN_FLIGHT} opens in flight, no more, each without blocking, and indexes what the CLI would`, async () => {
    const index = new WorkspaceIndex(() => undefined);
    const count = await countingOpens(async () => {
      await index.scan([pathToFileURL(dir).href]);
    });
    assert.equal(count.opens, FILES + 1);
    assert.equal(count.most, READS_IN_FLIGHT);
    assert.equal(count.blocking, 0);
    // The binary file is read and left out, as the CLI skips it.
    assert.equal(index.files.size, FILES);
    assert.ok(![...index.files.keys()].some((uri) => uri.endsWith('binary.yaml')));
  });

  it('leaves out a FIFO reached through a link, without waiting on it', { skip: process.platform === 'win32' ? 'no mkfifo' : false }, async () => {
    const folder = join(dir, 'fifo');
    mkdirSync(folder);
    execFileSync('mkfifo', [join(folder, 'pipe')]);
    symlinkSync(join(folder, 'pipe'), join(folder, 'Dockerfile'));
    writeFileSync(join(folder, 'pod.yaml'), POD_MANIFEST);
    try {
      const index = new WorkspaceIndex(() => undefined);
      await index.scan([pathToFileURL(folder).href]);
      assert.deepEqual([...index.files.keys()], [pathToFileURL(join(folder, 'pod.yaml')).href]);
      // A watcher's "changed" for the link sends it back to the walk, which leaves it out the same way.
      assert.deepEqual(await index.refresh(pathToFileURL(join(folder, 'Dockerfile')).href, 'changed'), { kind: 'names' });
      assert.deepEqual(await index.reconcile(), []);
      assert.deepEqual([...index.files.keys()], [pathToFileURL(join(folder, 'pod.yaml')).href]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('keeps the JSON files that are templates, not package.json, and takes one in when it becomes a template on disk', async () => {
    const folder = join(dir, 'node-fn');
    mkdirSync(folder);
    const template = { AWSTemplateFormatVersion: '2010-09-09', Resources: { Fn: { Type: 'AWS::Lambda::Function', Properties: { Runtime: 'nodejs12.x' } } } };
    writeFileSync(join(folder, 'template.json'), JSON.stringify(template));
    writeFileSync(join(folder, 'package.json'), '{"name": "fn", "dependencies": {"@aws-sdk/client-s3": "3.600.0"}}\n');
    writeFileSync(join(folder, 'stack.template'), 'AWSTemplateFormatVersion: "2010-09-09"\nResources: {}\n');
    try {
      const index = new WorkspaceIndex(() => undefined);
      await index.scan([pathToFileURL(folder).href]);
      const uriOf = (name: string) => pathToFileURL(join(folder, name)).href;
      assert.deepEqual([...index.files.keys()].sort(), [uriOf('stack.template'), uriOf('template.json')]);
      assert.equal(index.files.get(uriOf('template.json'))?.target, 'serverless');
      // Edited on disk into a template (the watcher's "changed"), it is read in; back to plain JSON, it leaves.
      writeFileSync(join(folder, 'package.json'), JSON.stringify(template));
      assert.deepEqual(await index.refresh(uriOf('package.json'), 'changed'), { kind: 'file', uri: uriOf('package.json') });
      writeFileSync(join(folder, 'package.json'), '{"name": "fn"}\n');
      assert.deepEqual(await index.refresh(uriOf('package.json'), 'changed'), { kind: 'file', uri: uriOf('package.json') });
      assert.equal(index.files.has(uriOf('package.json')), false);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
  it('walks again when a link comes or goes, so that each file is held once, under the name the walk meets first', async () => {
    const folder = join(dir, 'links');
    mkdirSync(folder);
    writeFileSync(join(folder, 'Dockerfile'), 'FROM node:20\nCMD node server.js\n');
    writeFileSync(join(folder, 'pod.yaml'), POD_MANIFEST);
    try {
      const index = new WorkspaceIndex(() => undefined);
      await index.scan([pathToFileURL(folder).href]);
      const uriOf = (name: string) => pathToFileURL(join(folder, name)).href;
      const held = () => [...index.files.keys()].sort();
      assert.deepEqual(held(), [uriOf('Dockerfile'), uriOf('pod.yaml')]);
      // A link made after the scan, sorting before its file: the CLI now reads the file under the link's name.
      symlinkSync('Dockerfile', join(folder, 'A.dockerfile'));
      assert.deepEqual(await index.refresh(uriOf('A.dockerfile'), 'created'), { kind: 'names' });
      assert.deepEqual((await index.reconcile()).sort(), [uriOf('A.dockerfile'), uriOf('Dockerfile')]);
      assert.deepEqual(held(), [uriOf('A.dockerfile'), uriOf('pod.yaml')]);
      // The link gone: the file is read under its own name again.
      rmSync(join(folder, 'A.dockerfile'));
      assert.deepEqual(await index.refresh(uriOf('A.dockerfile'), 'deleted'), { kind: 'names' });
      assert.deepEqual((await index.reconcile()).sort(), [uriOf('A.dockerfile'), uriOf('Dockerfile')]);
      assert.deepEqual(held(), [uriOf('Dockerfile'), uriOf('pod.yaml')]);
      // With no link left, a new file is read by itself and a deleted one leaves, without a walk.
      writeFileSync(join(folder, 'service.yaml'), 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {selector: {app: web}, ports: [{port: 80}]}\n');
      assert.deepEqual(await index.refresh(uriOf('service.yaml'), 'created'), { kind: 'file', uri: uriOf('service.yaml') });
      rmSync(join(folder, 'service.yaml'));
      assert.deepEqual(await index.refresh(uriOf('service.yaml'), 'deleted'), { kind: 'file', uri: uriOf('service.yaml') });
      assert.deepEqual(held(), [uriOf('Dockerfile'), uriOf('pod.yaml')]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
