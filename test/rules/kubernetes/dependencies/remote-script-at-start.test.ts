import rule from '../../../../server/src/core/rules/kubernetes/dependencies/remote-script-at-start';
import { testRule } from '../../../helpers/rule-tester';

const deploy = (containers: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
    spec:
${containers}`;

testRule(rule, {
  valid: [
    { name: 'curl health call, no shell pipe', code: deploy('      containers:\n        - name: api\n          image: shop/api:1.2.0\n          command: ["sh", "-c", "curl -fsS http://config/ready && exec ./api"]\n') },
    { name: 'curl piped to jq, not a shell', code: deploy('      containers:\n        - name: api\n          image: shop/api:1.2.0\n          command: ["sh", "-c", "curl -s http://meta/token | jq -r .token > /tmp/t; exec ./api"]\n') },
    { name: 'Helm templated', code: deploy('      containers:\n        - name: api\n          image: shop/api:1.2.0\n          command: ["sh", "-c", "{{ .Values.bootstrap }}"]\n') },
  ],
  invalid: [
    {
      name: 'curl | sh',
      code: deploy('      containers:\n        - name: api\n          image: ubuntu:24.04\n          command: ["sh", "-c", "curl -fsSL https://get.example.com/install.sh | sh && exec /opt/app/run"]\n'),
      errors: [{ line: 15, column: 34, endLine: 15, endColumn: 84 }],
    },
    {
      name: 'wget piped to sudo bash in an init container',
      code: deploy('      initContainers:\n        - name: agent\n          image: debian:12\n          args:\n            - bash\n            - -c\n            - wget -qO- https://agent.example.com/setup | sudo bash\n      containers:\n        - name: api\n          image: shop/api:1.2.0\n'),
      errors: [{ line: 18, column: 15, endColumn: 68 }],
    },
    {
      name: 'bash -c "$(curl …)"',
      code: deploy('      containers:\n        - name: api\n          image: ubuntu:24.04\n          command: [\'bash -c "$(curl -fsSL https://raw.example.com/boot.sh)"\']\n'),
      errors: [{ line: 15, column: 22, message: 'remote script' }],
    },
  ],
});
