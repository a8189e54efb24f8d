// What a connection string points at: the host, whatever the password holds.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseLocator } from '../../server/src/core/kubernetes/backing-services';
import { explicitPort, locatesBackingService } from '../../server/src/core/locators';

describe('parseLocator', () => {
  const cases: [string, string | undefined][] = [
    ['postgres://pay:p4/ss@10.0.0.5:5432/db', '10.0.0.5'], // a slash inside the password
    ['redis://:pw@cache:6379/0', 'cache'], // an empty user
    ['https://host/pkg@1.2', 'host'], // an @ in the path is not a user part
    ['http://host:8080/a@b', 'host'],
    ['jdbc:mysql://u:p@db:3306/x?password=y', 'db'],
    ['amqp://[::1]:5672', '::1'],
    ['db.internal:5432', 'db.internal'],
  ];
  for (const [value, host] of cases) {
    it(value, () => assert.equal(parseLocator(value)?.host, host));
  }
});

describe('explicitPort and locatesBackingService (core/locators)', () => {
  const ports: [string, number | undefined][] = [
    ['http://qdrant:6333', 6333],
    ['https://user:pw@es-http:9200/index', 9200],
    ['qdrant:6333', 6333],
    ['a:9092,b:9092', 9092],
    ['[::1]:5432', 5432],
    ['http://search', undefined],
    ['db', undefined],
    ['some text: 5432', undefined],
  ];
  for (const [value, port] of ports) it(`port of ${value}`, () => assert.equal(explicitPort(value), port));

  const names: [string, string, boolean][] = [
    ['QDRANT_URL', 'http://qdrant-database:6333', true],
    ['WEAVIATE_ENDPOINT', 'weaviate.weaviate', true],
    ['MILVUS_HOST', 'milvus', true], // the name says so; whether a bare name is reported is each rule's call
    ['VECTORS_ENDPOINT', 'vectors:6333', true], // unknown word, datastore port
    ['API_URL', 'http://backend:8080', false],
    ['OPENAI_BASE_URL', 'https://api.openai.com/v1', false],
    ['DEFAULT_PORT', '5432', false], // not a locator name
    ['QDRANT_COLLECTION', 'docs', false],
    ['LISTEN_ADDR', '127.0.0.1:6379', false], // a listen address, not a locator
  ];
  for (const [name, value, expected] of names) it(`${name}=${value}`, () => assert.equal(locatesBackingService(name, value), expected));
});
