// perString: a question about a string answered once, with a bounded memory.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { perString } from '../../server/src/core/string-memo';

it('answers each string once, undefined answers included, and forgets everything when full', () => {
  const asked: string[] = [];
  const lengthIfLong = perString((key: string) => {
    asked.push(key);
    return key.length > 3 ? key.length : undefined;
  }, 3);
  assert.equal(lengthIfLong('image'), 5);
  assert.equal(lengthIfLong('image'), 5);
  assert.equal(lengthIfLong('ab'), undefined);
  assert.equal(lengthIfLong('ab'), undefined);
  assert.deepEqual(asked, ['image', 'ab']);
  lengthIfLong('name');
  // A fourth string: the three kept answers are forgotten, then it is kept.
  assert.equal(lengthIfLong('ports'), 5);
  lengthIfLong('ports');
  lengthIfLong('image');
  assert.deepEqual(asked, ['image', 'ab', 'name', 'ports', 'image']);
});
