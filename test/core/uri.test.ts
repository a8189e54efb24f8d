// URIs read as names: one decoder for the target detection, the development-Dockerfile check, the walk order and the index.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeUri, uriPath } from '../../server/src/core/uri';
import { detectTarget } from '../../server/src/core/analyze';
import { isDevelopmentDockerfile } from '../../server/src/core/dockerfile/start-command';

describe('URIs read as names', () => {
  it('decodes escapes, and keeps a malformed one as written', () => {
    assert.equal(decodeUri('a%20b'), 'a b');
    assert.equal(decodeUri('%C3%A9.yaml'), 'é.yaml');
    assert.equal(decodeUri('100%zz'), '100%zz');
  });

  it("reads a URI's path without its query or fragment", () => {
    assert.equal(uriPath('file:///repo/my%20app/Dockerfile.dev?x=1#top'), 'file:///repo/my app/Dockerfile.dev');
    assert.equal(uriPath('untitled:Untitled-1'), 'untitled:Untitled-1');
  });

  it('a malformed escape in an editor URI neither throws nor changes what the file is', () => {
    assert.equal(detectTarget('file:///repo/%zz/Dockerfile', ''), 'dockerfile');
    assert.equal(isDevelopmentDockerfile('file:///repo/%zz/Dockerfile.dev'), true);
    assert.equal(isDevelopmentDockerfile('file:///repo/%zz/Dockerfile'), false);
  });
});
