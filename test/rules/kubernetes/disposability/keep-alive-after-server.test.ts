import rule from '../../../../server/src/core/rules/kubernetes/disposability/keep-alive-after-server';
import { testRule } from '../../../helpers/rule-tester';
import { deploymentYaml } from '../../../helpers/manifests';

const ports = '          ports:\n            - containerPort: 8000\n';
const server = (tail: string, withPorts = true) => deploymentYaml({ name: 'triton', image: 'nvcr.io/nvidia/tritonserver:24.08-py3', selector: true }, tail + (withPorts ? ports : ''));

// The gke-samples TensorRT-LLM layout: the script lives in a ConfigMap and is mounted as the command.
const configMapScript = (script: string, mount = '          command: ["/scripts/entrypoint.sh"]\n          volumeMounts:\n            - {name: scripts, mountPath: /scripts/}\n') =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: launch-tritonserver\ndata:\n  entrypoint.sh: |-\n${script.split('\n').map((l) => (l ? `    ${l}` : l)).join('\n')}\n---\n` +
  server(mount + ports, false) + '      volumes:\n        - name: scripts\n          configMap: {name: launch-tritonserver, defaultMode: 0700}\n';

testRule(rule, {
  valid: [
    { name: 'the server in the foreground with exec', code: server('          command: ["/bin/sh", "-c"]\n          args: ["nvidia-smi; exec tritonserver --model-repository=/models"]\n') },
    { name: 'a toolbox pod idles on purpose (no ports, no probes)', code: server('          command: ["/bin/sh", "-c", "pip install kafka-python; psql --version; tail -f /dev/null"]\n', false) },
    { name: 'setup steps only, then idle', code: server('          command: ["/bin/bash", "-c", "apt-get update && apt-get install -y curl; echo ready; sleep infinity"]\n') },
    { name: 'a backgrounded server is the other rule\'s finding', code: server('          command: ["/bin/sh", "-c", "tritonserver --model-repository=/models & tail -f /dev/null"]\n') },
    { name: 'a sleep pacing a loop is work', code: server('          command: ["/bin/sh", "-c", "while true; do ./sync.sh; sleep 3600; done"]\n') },
    { name: 'a short sleep is no keep-alive', code: server('          command: ["/bin/sh", "-c", "./warmup.sh; sleep 5"]\n') },
    { name: 'ConfigMap script that execs the server', code: configMapScript('#!/usr/bin/bash -x\nWORLD_SIZE=1\nexec tritonserver --model-repository=/data/models') },
    {
      name: 'a Job runs to completion',
      code: 'apiVersion: batch/v1\nkind: Job\nmetadata: {name: bench}\nspec:\n  template:\n    spec:\n      containers:\n        - name: bench\n          image: bench:1.0\n          ports: [{containerPort: 8000}]\n          command: ["/bin/sh", "-c", "python bench.py; sleep infinity"]\n',
    },
  ],
  invalid: [
    {
      name: 'gke-samples: launcher script mounted from a ConfigMap ends in tail -f /dev/null',
      code: configMapScript('#!/usr/bin/bash -x\n# Launch Triton Inference server\n\nWORLD_SIZE=1\nTRITON_MODEL_REPO=/data/triton/model_repository\n\npython3 /tensorrtllm_backend/scripts/launch_triton_server.py \\\n  --world_size ${WORLD_SIZE} \\\n  --model_repo ${TRITON_MODEL_REPO}\n\ntail -f /dev/null'),
      errors: [{ line: 17, column: 5, endLine: 17, endColumn: 22, messageId: 'keepAlive', message: 'after `python3 /tensorrtllm_backend/scripts/launch_tri…` in ConfigMap `launch-tritonserver` (`entrypoint.sh`)' }],
    },
    {
      name: 'inline script: the server, then sleep infinity after it exits',
      code: server('          command: ["/bin/sh", "-c", "python3 -m vllm.entrypoints.openai.api_server --port 8000; sleep infinity"]\n'),
      errors: [{ line: 15, column: 98, endColumn: 112, messageId: 'keepAlive', message: '`sleep infinity` keeps container `triton` alive after `python3 -m vllm' }],
    },
    {
      name: 'script run through bash from a subPath mount, probed over HTTP',
      code: configMapScript('./start-server.sh --daemon\ntail -F /dev/null', '          command: ["bash", "/opt/run.sh"]\n          readinessProbe: {httpGet: {path: /health, port: 8000}}\n          volumeMounts:\n            - {name: scripts, mountPath: /opt/run.sh, subPath: entrypoint.sh}\n'),
      errors: [{ line: 8, column: 5, messageId: 'keepAlive', message: 'after `./start-server.sh --daemon`' }],
    },
  ],
});
