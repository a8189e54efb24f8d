import rule from '../../../../server/src/core/rules/dockerfile/port-binding/expose-invalid-format';
import { testRule } from '../../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'container ports, a range and protocols', code: 'FROM nginx:1.27\nEXPOSE 80 443/tcp 53/udp 8000-8010\n' },
    { name: 'a port from an ARG default', code: 'FROM node:20\nARG PORT=3000\nEXPOSE $PORT\n' },
    { name: 'an unknown variable is skipped', code: 'FROM node:20\nARG PORT\nEXPOSE ${PORT}\n' },
  ],
  invalid: [
    {
      name: 'host:container',
      code: 'FROM nginx:1.27\nEXPOSE 8080:80\n',
      errors: [{ line: 2, column: 8, endColumn: 15, messageId: 'hostPart', message: '(`EXPOSE 80`)' }],
    },
    {
      name: 'an IP address with a port and protocol',
      code: 'FROM nginx:1.27\nEXPOSE 0.0.0.0:80/tcp 443\n',
      errors: [{ line: 2, column: 8, endColumn: 22, messageId: 'hostPart' }],
    },
    {
      name: 'out of range, also through a variable',
      code: 'FROM nginx:1.27\nENV P=70000\nEXPOSE 0 $P\n',
      errors: [{ line: 3, column: 8, endColumn: 9, messageId: 'range' }, { line: 3, column: 10, endColumn: 12, messageId: 'range', message: '70000' }],
    },
  ],
});
