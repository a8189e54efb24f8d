// The CLI's configuration look-up (server/src/cli-config.ts ConfigLocator): each configuration file is read and
// checked once, a broken one included, and the walk's listings answer which folders hold one.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, ConfigLocator } from '../../server/src/cli-config';
import { CONFIG_FILE_NAME } from '../../server/src/cli-files';

let dir: string;

before(() => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'tfl-locator-')));
  mkdirSync(join(dir, 'app', 'deploy'), { recursive: true });
  mkdirSync(join(dir, 'other'));
  mkdirSync(join(dir, '.git'));
});

after(() => rmSync(dir, { recursive: true, force: true }));

describe('ConfigLocator', () => {
  it('reads a broken configuration once: every file it governs gets the same error', () => {
    const config = join(dir, 'app', CONFIG_FILE_NAME);
    writeFileSync(config, '{ "rules": ');
    const locator = new ConfigLocator(join(dir, 'elsewhere'));
    let first: unknown;
    assert.throws(() => locator.forFile(join(dir, 'app', 'Dockerfile')), (error) => (first = error) instanceof ConfigError);
    // Mended on disk after it was read: this run keeps what it read.
    writeFileSync(config, '{}');
    assert.throws(() => locator.forFile(join(dir, 'app', 'deploy', 'a.yaml')), (error) => error === first);
    assert.equal(new ConfigLocator(join(dir, 'elsewhere')).forFile(join(dir, 'app', 'Dockerfile'))?.path, config, 'a new run reads it again');
    rmSync(config);
  });

  it("takes the walk's listing of a folder at its word", () => {
    const locator = new ConfigLocator(join(dir, 'elsewhere'));
    locator.listings.record(join(dir, 'other'), ['pod.yaml']);
    locator.listings.record(dir, ['app', 'other', '.git']);
    // Written after the folder was listed without it: not looked for again.
    writeFileSync(join(dir, 'other', CONFIG_FILE_NAME), '{}');
    assert.equal(locator.forFile(join(dir, 'other', 'pod.yaml')), undefined);
    // A folder not listed is asked.
    assert.equal(new ConfigLocator(join(dir, 'elsewhere')).forFile(join(dir, 'other', 'pod.yaml'))?.path, join(dir, 'other', CONFIG_FILE_NAME));
    rmSync(join(dir, 'other', CONFIG_FILE_NAME));
  });
});
