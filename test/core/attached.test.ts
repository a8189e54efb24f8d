// AttachedCache (attached.ts): a WeakMap's contract with the entry kept on its key, invisible to everything that
// reads the key's own properties.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { AttachedCache } from '../../server/src/core/attached';

it('answers for the key it was given, and only for it', () => {
  const cache = new AttachedCache<object, number>('test');
  const a = {};
  const b = {};
  assert.equal(cache.has(a), false);
  assert.equal(cache.get(a), undefined);
  assert.equal(cache.set(a, 1), 1);
  assert.equal(cache.has(a), true);
  assert.equal(cache.get(a), 1);
  assert.equal(cache.has(b), false);
  cache.set(a, 2);
  assert.equal(cache.get(a), 2);
});

it('keeps an undefined answer apart from no answer', () => {
  const cache = new AttachedCache<object, string | undefined>('test');
  const key = {};
  cache.set(key, undefined);
  assert.equal(cache.has(key), true);
  assert.equal(cache.get(key), undefined);
});

it('keeps two caches on one key apart', () => {
  const first = new AttachedCache<object, string>('same description');
  const second = new AttachedCache<object, string>('same description');
  const key = {};
  first.set(key, 'first');
  assert.equal(second.has(key), false);
  second.set(key, 'second');
  assert.equal(first.get(key), 'first');
});

it('is not seen by spreads, Object.keys, JSON or deep equality, and not inherited', () => {
  const cache = new AttachedCache<object, number[]>('test');
  const key = { name: 'x', list: [1] };
  cache.set(key, [1, 2, 3]);
  const copy = { ...key };
  assert.equal(cache.has(copy), false);
  assert.deepEqual(Object.keys(key), ['name', 'list']);
  assert.equal(JSON.stringify(key), '{"name":"x","list":[1]}');
  assert.deepStrictEqual(key, { name: 'x', list: [1] });
  assert.equal(cache.has(Object.create(key) as object), false);
  const array = [1, 2];
  cache.set(array, [3]);
  assert.deepStrictEqual(array, [1, 2]);
  assert.deepEqual([...array], [1, 2]);
});
