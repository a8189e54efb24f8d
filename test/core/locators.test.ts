// What a connection string points at: the host, whatever the password holds.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseLocator } from '../../server/src/core/kubernetes/backing-services';

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
