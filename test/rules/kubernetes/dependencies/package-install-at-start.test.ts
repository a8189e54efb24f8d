import rule from '../../../../server/src/core/rules/kubernetes/dependencies/package-install-at-start';
import { testRule } from '../../../helpers/rule-tester';

const deploy = (containers: string, kind = 'Deployment') => `apiVersion: ${kind === 'CronJob' || kind === 'Job' ? 'batch/v1' : 'apps/v1'}
kind: ${kind}
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
    { name: 'starts the process from the image', code: deploy('      containers:\n        - name: api\n          image: shop/api:1.2.0\n          command: ["gunicorn", "app:app"]\n') },
    { name: 'init container preparing a volume is not the long-running process', code: deploy('      initContainers:\n        - name: tools\n          image: alpine:3.20\n          command: ["sh", "-c", "apk add --no-cache curl && curl -fsS http://config/seed > /work/seed"]\n      containers:\n        - name: api\n          image: shop/api:1.2.0\n') },
    { name: 'npm start and pip freeze are not installs', code: deploy('      containers:\n        - name: api\n          image: shop/api:1.2.0\n          args: ["sh", "-c", "pip freeze > /tmp/versions && npm start"]\n') },
    { name: 'a Job that builds an image installs as a build step', code: deploy('      restartPolicy: Never\n      containers:\n        - name: build\n          image: quay.io/buildah/stable:v1.37\n          command: ["sh", "-c", "dnf install -y make && buildah bud -t registry.example.com/shop:1.4.0 /src"]\n', 'Job') },
    { name: 'a Job that runs a tool its image already holds', code: deploy('      restartPolicy: Never\n      containers:\n        - name: download\n          image: registry.example.com/tools/hf-cli:0.24.6\n          command: ["huggingface-cli", "download", "google/gemma-2b", "--local-dir", "/models"]\n', 'Job') },
    { name: 'a one-off Job that installs a stated version before its task', code: deploy('      restartPolicy: Never\n      containers:\n        - name: download\n          image: python:3.12-slim\n          command: ["sh", "-c", "pip install huggingface_hub==0.24.6 && huggingface-cli download google/gemma-2b --local-dir /models"]\n', 'Job') },
    { name: 'a one-off Job that installs from its requirements file', code: deploy('      restartPolicy: Never\n      containers:\n        - name: bench\n          image: python:3.12-slim\n          command: ["sh", "-c", "pip install -r /bench/requirements.txt && python /bench/run.py"]\n', 'Job') },
    { name: 'Helm templated args', code: deploy('      containers:\n        - name: api\n          image: shop/api:1.2.0\n          args: ["sh", "-c", "{{ .Values.extraInstall }} pip install x"]\n') },
    {
      name: 'installs only mentioned in a comment and in a here-document written to a file',
      code: deploy('      containers:\n        - name: api\n          image: shop/api:1.2.0\n          command: ["sh", "-c"]\n          args:\n            - |\n              # the image ran pip install at build time\n              cat <<EOF > /etc/cron.d/refresh\n              0 3 * * * root pip install -U certifi\n              EOF\n              exec gunicorn app:app\n'),
    },
    {
      name: 'an install only named in what the script prints',
      code: deploy('      containers:\n        - name: api\n          image: shop/api:1.2.0\n          command: ["sh", "-c", "echo \'dependencies: pip install ran at build time\' && exec gunicorn app:app"]\n'),
    },
    { name: "a bare Pod that builds with kaniko (jpetazzo's container.training)", code: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kaniko-build\nspec:\n  initContainers:\n  - name: git-clone\n    image: alpine\n    command: [\"sh\", \"-c\"]\n    args:\n    - |\n      apk add --no-cache git &&\n      git clone git://github.com/jpetazzo/container.training /workspace\n  containers:\n  - name: build-image\n    image: gcr.io/kaniko-project/executor:latest\n    args: [\"--context=/workspace/dockercoins/rng\", \"--destination=registry:5000/rng-kaniko:latest\"]\n" },
    { name: 'a Pod that runs to completion and builds with docker build (container.training)', code: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: build-image\nspec:\n  restartPolicy: OnFailure\n  containers:\n  - name: docker-build\n    image: docker\n    command: [\"sh\", \"-c\"]\n    args:\n    - |\n      apk add --no-cache git &&\n      git clone https://github.com/jpetazzo/container.training /workspace &&\n      docker build -t localhost:30000/worker /workspace/dockercoins/worker &&\n      docker push localhost:30000/worker\n" },
    { name: 'a Pod that runs once (restartPolicy: Never) and installs a stated version, as a Job would', code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: download-model\nspec:\n  restartPolicy: Never\n  containers:\n  - name: download\n    image: python:3.12-slim\n    command: ["sh", "-c", "pip install huggingface_hub==0.24.6 && huggingface-cli download acme/model --local-dir /models"]\n' },
  ],
  invalid: [
    {
      name: 'a Job that installs a package without a version and then runs it',
      code: deploy('      restartPolicy: Never\n      containers:\n        - name: download\n          image: python:3.12-slim\n          command: ["sh", "-c", "pip install -U huggingface_hub==0.24.6 filelock && huggingface-cli download google/gemma-2b --local-dir /models"]\n', 'Job'),
      errors: [{ line: 16, column: 34, endLine: 16, endColumn: 45, messageId: 'job', message: 'Job `api` runs `pip install`' }],
    },
    {
      name: 'a CronJob runs again: a pinned install is still resolved on every run',
      code: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: report
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - name: report
              image: python:3.12-slim
              command: ["sh", "-c", "pip install requests==2.32.3 && python /scripts/report.py"]
`,
      errors: [{ line: 15, column: 38, endLine: 15, endColumn: 49, messageId: 'job', message: 'CronJob `report` runs `pip install`' }],
    },
    {
      name: 'pip install before gunicorn',
      code: deploy('      containers:\n        - name: api\n          image: python:3.12-slim\n          command: ["sh", "-c", "pip install -r requirements.txt && gunicorn app:app"]\n'),
      errors: [{ line: 15, column: 34, endLine: 15, endColumn: 45, message: '`pip install`' }],
    },
    {
      name: 'apt-get and npm in a block script',
      code: deploy('      containers:\n        - name: api\n          image: node:20.14\n          command:\n            - /bin/sh\n            - -c\n            - |\n              apt-get update && apt-get install -y imagemagick\n              npm ci --omit=dev\n              exec node server.js\n'),
      errors: [
        { line: 19, column: 33, endColumn: 48, message: 'apt-get install' },
        { line: 20, column: 15, endColumn: 21, message: 'npm ci' },
      ],
    },
    {
      name: 'exec-form apk add in a second Deployment of a multi-document file',
      code: 'apiVersion: v1\nkind: Service\nmetadata: {name: api}\nspec:\n  selector: {app: api}\n  ports: [{port: 80}]\n---\n' + deploy('      containers:\n        - name: api\n          image: alpine:3.20\n          command: [apk, add, --no-cache, python3]\n'),
      errors: [{ line: 22, column: 21, endLine: 22, endColumn: 29 }],
    },
    {
      name: 'reported where it runs, not where a comment above names it',
      code: deploy('      containers:\n        - name: api\n          image: shop/api:1.2.0\n          command: ["sh", "-c"]\n          args:\n            - |\n              # pip install at start, for now\n              pip install -r /app/requirements.txt\n              exec gunicorn app:app\n'),
      errors: [{ line: 19, column: 15, endLine: 19, endColumn: 26, messageId: 'install' }],
    },
    {
      name: 'a status line naming the install is not a second finding',
      code: deploy('      containers:\n        - name: api\n          image: shop/api:1.2.0\n          command: ["sh", "-c"]\n          args:\n            - |\n              echo "Running pip install for the plugins..."\n              pip install -r /plugins/requirements.txt\n              exec gunicorn app:app\n'),
      errors: [{ line: 19, column: 15, endLine: 19, endColumn: 26, messageId: 'install' }],
    },
    {
      name: "a literal install in a script that uses a Helm value on another line (itzg's rcon-web-admin chart)",
      code: deploy('      containers:\n        - name: api\n          image: itzg/rcon:0.0.3\n          command:\n            - /bin/sh\n            - -c\n            - |-\n              apt-get -qq update && apt-get -qq install -y jq\n              NS={{ .Release.Namespace }}\n              /usr/local/bin/node src/main.js start\n'),
      errors: [{ line: 19, column: 37, endColumn: 56, messageId: 'install' }],
    },
  ],
});
