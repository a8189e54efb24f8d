import rule from '../../../../server/src/core/rules/kubernetes/build-release-run/build-in-container-command';
import { testRule } from '../../../helpers/rule-tester';

const deploy = (container: string, kind = 'Deployment') => `apiVersion: ${kind === 'Job' ? 'batch/v1' : 'apps/v1'}
kind: ${kind}
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: shop/web:3.0.1
${container}`;

testRule(rule, {
  valid: [
    { name: 'runs the built artefact', code: deploy('          command: ["node", "dist/server.js"]\n') },
    { name: 'build words as arguments', code: deploy('          args: ["--build-dir=/srv/build", "--mode", "package", "go", "build"]\n') },
    { name: 'a CI Job building in the cluster', code: deploy('          command: ["sh", "-c", "mvn -B package && cp target/*.jar /out"]\n', 'Job') },
    { name: 'tsc in watch mode is a dev server (another factor)', code: deploy('          command: ["sh", "-c", "npx tsc --watch & node dist/server.js"]\n') },
  ],
  invalid: [
    {
      name: 'npm run build before start',
      code: deploy('          command: ["sh", "-c", "npm run build && npm start"]\n'),
      errors: [{ line: 15, column: 34, endLine: 15, endColumn: 47, message: '`npm run build`' }],
    },
    {
      name: 'maven in an init container',
      code: 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: api}\nspec:\n  selector: {matchLabels: {app: api}}\n  template:\n    metadata: {labels: {app: api}}\n    spec:\n      initContainers:\n        - name: build\n          image: maven:3.9-eclipse-temurin-21\n          args:\n            - sh\n            - -c\n            - ./mvnw -q -DskipTests package && cp target/api.jar /app/\n      containers:\n        - name: api\n          image: eclipse-temurin:21-jre\n',
      errors: [{ line: 15, column: 15, endColumn: 44 }],
    },
    {
      name: 'go build in exec form',
      code: deploy('          command: [go, build, -o, /app/server, ./cmd/server]\n'),
      errors: [{ line: 15, column: 21, endColumn: 30, message: '`go build`' }],
    },
  ],
});
