import rule from '../../../../server/src/core/rules/kubernetes/processes/sticky-sessions';
import { testRule } from '../../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'sessionAffinity None', code: 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  selector: {app: web}\n  sessionAffinity: None\n  ports: [{port: 80, targetPort: http}]\n' },
    { name: 'ingress-nginx annotations without affinity', code: 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  annotations:\n    nginx.ingress.kubernetes.io/proxy-body-size: 8m\n    nginx.ingress.kubernetes.io/session-cookie-name: route\nspec:\n  rules: []\n' },
    { name: 'affinity annotation on a Deployment is not read by any controller', code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  annotations:\n    nginx.ingress.kubernetes.io/affinity: cookie\n' },
    { name: 'ALB attributes without stickiness', code: 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  annotations:\n    alb.ingress.kubernetes.io/target-group-attributes: stickiness.enabled=false,deregistration_delay.timeout_seconds=30\n' },
  ],
  invalid: [
    {
      name: 'ClientIP with its config block, both removed',
      code: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  sessionAffinity: ClientIP # keeps carts\n  sessionAffinityConfig:\n    clientIP:\n      timeoutSeconds: 10800\n  ports:\n    - port: 80\n',
      errors: [{ line: 8, column: 20, endLine: 8, endColumn: 28, messageId: 'service' }],
      output: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n    - port: 80\n',
    },
    {
      name: 'ingress-nginx cookie affinity, CRLF file',
      code: 'apiVersion: networking.k8s.io/v1\r\nkind: Ingress\r\nmetadata:\r\n  name: web\r\n  annotations:\r\n    nginx.ingress.kubernetes.io/affinity: "cookie"\r\n    nginx.ingress.kubernetes.io/proxy-body-size: 8m\r\nspec:\r\n  ingressClassName: nginx\r\n',
      errors: [{ line: 6, column: 5, endColumn: 41, messageId: 'annotation', message: 'ingress-nginx' }],
      output: 'apiVersion: networking.k8s.io/v1\r\nkind: Ingress\r\nmetadata:\r\n  name: web\r\n  annotations:\r\n    nginx.ingress.kubernetes.io/proxy-body-size: 8m\r\nspec:\r\n  ingressClassName: nginx\r\n',
    },
    {
      name: 'ALB stickiness mixed with other attributes: reported, not removed; flow-style Service not fixed',
      code: 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  annotations:\n    alb.ingress.kubernetes.io/target-group-attributes: stickiness.enabled=true,deregistration_delay.timeout_seconds=30\n---\napiVersion: v1\nkind: Service\nmetadata: {name: api}\nspec: {selector: {app: api}, sessionAffinity: ClientIP, ports: [{port: 80}]}\n',
      errors: [{ line: 6, column: 5, message: 'AWS Load Balancer Controller' }, { line: 11, column: 47, messageId: 'service' }],
      output: null,
    },
  ],
});
