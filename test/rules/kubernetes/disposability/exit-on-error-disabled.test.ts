import rule from '../../../../server/src/core/rules/kubernetes/disposability/exit-on-error-disabled';
import { testRule } from '../../../helpers/rule-tester';
import { deploymentYaml } from '../../../helpers/manifests';

const triton = (tail: string) => deploymentYaml({ name: 'triton', image: 'nvcr.io/nvidia/tritonserver:24.08-py3', selector: true }, tail);
const readiness = '          readinessProbe:\n            httpGet: {path: /v2/health/ready, port: 8000}\n';

testRule(rule, {
  valid: [
    { name: 'the default: a failed model load exits', code: triton('          command: ["tritonserver", "--model-repository=/models"]\n') },
    { name: 'explicitly true', code: triton('          command: ["tritonserver", "--model-repository=/models", "--exit-on-error=true"]\n') },
    { name: 'a bare flag keeps the default', code: triton('          args: ["tritonserver", "--exit-on-error", "--model-repository=/models"]\n') },
    { name: 'lenient start, but strict readiness reports the failed model', code: triton('          command: ["tritonserver", "--model-repository=/models", "--exit-on-error=false"]\n' + readiness) },
    { name: 'Helm templated command', code: triton('          command: ["tritonserver", "--exit-on-error={{ .Values.exitOnError }}"]\n') },
    { name: 'an init container that converts models', code: triton('      initContainers:\n        - name: convert\n          image: nvcr.io/nvidia/tritonserver:24.08-py3\n          command: ["tritonserver", "--exit-on-error=false", "--model-control-mode=none"]\n') },
    { name: 'a patch fragment may leave the probe to its base', code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: triton}\nspec:\n  template:\n    spec:\n      containers:\n        - name: triton\n          args: ["--exit-on-error=false"]\n' },
  ],
  invalid: [
    {
      name: 'gke-samples single-GPU Triton: no probes at all',
      code: triton('          command: [ "tritonserver", "--model-repository=/data/triton-model-repository", "--exit-on-error=false"  ]\n'),
      errors: [{ line: 15, column: 91, endLine: 15, endColumn: 112, messageId: 'noProbe', message: '`--exit-on-error=false` keeps `triton` serving' }],
    },
    {
      name: 'value as its own argument inside a shell script',
      code: triton('          command: ["/bin/sh", "-c"]\n          args:\n            - |\n              nvidia-smi\n              exec tritonserver --model-repository=/models --exit-on-error false\n'),
      errors: [{ line: 19, column: 60, endColumn: 81, messageId: 'noProbe', message: '`--exit-on-error false`' }],
    },
    {
      name: 'a readiness probe made toothless by --strict-readiness=false',
      code: triton('          args: ["tritonserver", "--exit-on-error=0", "--strict-readiness=false"]\n' + readiness),
      errors: [{ line: 15, column: 35, messageId: 'relaxed' }],
    },
  ],
});
