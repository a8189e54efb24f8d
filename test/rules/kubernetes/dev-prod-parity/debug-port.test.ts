import rule from '../../../../server/src/core/rules/kubernetes/dev-prod-parity/debug-port';
import { testRule } from '../../../helpers/rule-tester';
import { deploymentYaml } from '../../../helpers/manifests';

const pod = (extra: string) => deploymentYaml({ name: 'api', image: 'shop/api:3.2.0' }, extra);

testRule(rule, {
  valid: [
    { name: 'app port only', code: pod('          ports:\n            - name: http\n              containerPort: 8080\n') },
    { name: 'NODE_OPTIONS without inspector', code: pod('          env:\n            - name: NODE_OPTIONS\n              value: --max-old-space-size=768\n') },
    { name: 'n8n on 5678 is not debugpy', code: pod('          ports:\n            - containerPort: 5678\n') },
    { name: "a port named debug that serves Go's pprof (Contour)", code: pod('          ports:\n            - containerPort: 8000\n              name: metrics\n            - containerPort: 6060\n              name: debug\n') },
    { name: 'a port named debug-metrics', code: pod('          ports:\n            - {name: debug-metrics, containerPort: 9102}\n') },
    { name: 'JAVA_TOOL_OPTIONS for memory', code: pod('          env:\n            - {name: JAVA_TOOL_OPTIONS, value: "-XX:MaxRAMPercentage=75"}\n') },
  ],
  invalid: [
    { name: 'node inspector port and flag', code: pod('          command: ["node", "--inspect=0.0.0.0:9229", "server.js"]\n          ports:\n            - containerPort: 9229\n'), errors: [{ line: 11, column: 30, endColumn: 52, messageId: 'flag' }, { line: 13, column: 30, endLine: 13, endColumn: 34, messageId: 'port' }] },
    { name: 'JDWP in JAVA_TOOL_OPTIONS', code: pod('          env:\n            - name: JAVA_TOOL_OPTIONS\n              value: "-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=*:5005"\n'), errors: [{ line: 13, column: 22, messageId: 'env' }] },
    { name: 'debugpy module', code: pod('          command: ["python", "-m", "debugpy", "--listen", "0.0.0.0:5678", "app.py"]\n'), errors: [{ line: 11, column: 38, messageId: 'flag', message: '`debugpy`' }] },
    { name: 'a port named by Skaffold for delve', code: pod('          ports:\n            - {name: dlv, containerPort: 56268}\n'), errors: [{ line: 12, column: 42 }] },
  ],
});
