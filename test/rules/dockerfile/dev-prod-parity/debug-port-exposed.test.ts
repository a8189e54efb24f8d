import rule from '../../../../server/src/core/rules/dockerfile/dev-prod-parity/debug-port-exposed';
import { testRule } from '../../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'ordinary ports', code: 'FROM node:20-slim\nEXPOSE 3000 9000 8080/tcp\nCMD ["node", "server.js"]\n' },
    { name: 'debug port in a debug stage that is not final', code: 'FROM node:20 AS debug\nEXPOSE 9229\nFROM node:20-slim\nEXPOSE 3000\nCMD ["node", "server.js"]\n' },
    { name: 'development Dockerfile', filename: 'docker/dev.Dockerfile', code: 'FROM eclipse-temurin:21-jdk\nEXPOSE 8080 5005\n' },
    // generator-ibm-cloud-enablement's Node project: Dockerfile-tools is the image that runs the debugger.
    { name: "a tools Dockerfile beside the plain one", filename: 'Dockerfile-tools', code: 'FROM node:20\nEXPOSE 3000 9229\nCMD ["/bin/bash"]\n' },
  ],
  invalid: [
    {
      name: 'node inspector port',
      code: 'FROM node:20-slim\nEXPOSE 3000 9229\nCMD ["node", "server.js"]\n',
      errors: [{ line: 2, column: 13, endLine: 2, endColumn: 17, messageId: 'debugPort', message: 'Node.js inspector' }],
    },
    {
      name: 'JDWP port with protocol, ARG expanded',
      code: 'ARG DEBUG_PORT=5005\nFROM eclipse-temurin:21-jre\nARG DEBUG_PORT\nEXPOSE 8080 ${DEBUG_PORT}/tcp\n',
      errors: [{ line: 4, column: 13, endColumn: 26, message: 'JDWP' }],
    },
    {
      name: 'debugpy port inherited from parent stage',
      code: 'FROM python:3.12-slim AS base\nEXPOSE 5678\nFROM base\nCMD ["python", "-u", "app.py"]\n',
      errors: [{ line: 2, column: 8 }],
    },
    {
      name: "a stage named tools is no development image",
      code: 'FROM node:20 AS tools\nRUN npm i -g typescript\nFROM tools\nEXPOSE 9229\nCMD ["node", "--inspect=0.0.0.0:9229", "server.js"]\n',
      errors: [{ line: 4, column: 8 }],
    },
  ],
});
