import rule from '../../../../server/src/core/rules/kubernetes/codebase/git-clone-at-start';
import { testRule } from '../../../helpers/rule-tester';

const deploy = (containers: string, kind = 'Deployment') => `apiVersion: ${kind === 'Job' ? 'batch/v1' : 'apps/v1'}
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

const cron = (containers: string) => `apiVersion: batch/v1
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
${containers}`;

testRule(rule, {
  valid: [
    { name: 'runs the released binary', code: deploy('      containers:\n        - name: api\n          image: shop/api:1.2.0\n          command: ["/app/api", "--config", "/etc/api"]\n') },
    { name: 'a Job that clones to build an image with kaniko is CI, not the app', code: deploy('      restartPolicy: Never\n      initContainers:\n        - name: checkout\n          image: alpine/git:2.45.2\n          command: ["sh", "-c", "git clone https://github.com/acme/shop.git /workspace"]\n      containers:\n        - name: build\n          image: gcr.io/kaniko-project/executor:v1.23.2\n          args: ["--context=/workspace", "--destination=registry.example.com/shop:1.4.0"]\n', 'Job') },
    { name: 'a CronJob that clones and runs docker build is CI, not the app', code: cron('          containers:\n            - name: nightly\n              image: alpine:3.20\n              command: ["sh", "-c", "git clone https://github.com/acme/shop.git /src && docker build -t shop:nightly /src"]\n') },
    { name: 'a Job that clones model weights from a model hub', code: deploy('      restartPolicy: Never\n      containers:\n        - name: fetch-model\n          image: alpine/git:2.45.2\n          command: ["sh", "-c", "git lfs install && git clone --depth 1 https://huggingface.co/google/gemma-2b /models/gemma && ls /models"]\n', 'Job') },
    { name: 'git mentioned in a path only', code: deploy('      containers:\n        - name: api\n          image: shop/api:1.2.0\n          args: ["--repo-cache=/var/cache/git", "--clone-depth=1"]\n') },
    { name: 'Helm templated command', code: deploy('      containers:\n        - name: api\n          image: shop/api:1.2.0\n          command: ["sh", "-c", "{{ .Values.startup }} git clone x"]\n') },
    { name: 'a clone only named in what the script prints', code: deploy('      containers:\n        - name: api\n          image: shop/api:1.2.0\n          command: ["sh", "-c", "echo \\"themes: git clone happens at build time\\" && exec node server.js"]\n') },
    { name: "a bare Pod that builds with kaniko (jpetazzo's container.training)", code: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kaniko-build\nspec:\n  initContainers:\n  - name: git-clone\n    image: alpine\n    command: [\"sh\", \"-c\"]\n    args:\n    - |\n      apk add --no-cache git &&\n      git clone git://github.com/jpetazzo/container.training /workspace\n  containers:\n  - name: build-image\n    image: gcr.io/kaniko-project/executor:latest\n    args: [\"--context=/workspace/dockercoins/rng\", \"--destination=registry:5000/rng-kaniko:latest\"]\n" },
    { name: 'a Pod that runs to completion and builds with docker build (container.training)', code: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: build-image\nspec:\n  restartPolicy: OnFailure\n  containers:\n  - name: docker-build\n    image: docker\n    command: [\"sh\", \"-c\"]\n    args:\n    - |\n      apk add --no-cache git &&\n      git clone https://github.com/jpetazzo/container.training /workspace &&\n      docker build -t localhost:30000/worker /workspace/dockercoins/worker &&\n      docker push localhost:30000/worker\n" },
    { name: 'a checkout of a repository the image holds downloads nothing', code: deploy('      containers:\n        - name: api\n          image: shop/api:1.2.0\n          command: ["sh", "-c", "git -C /srv/app checkout \\"$APP_REF\\" && exec /srv/app/run"]\n') },
  ],
  invalid: [
    {
      name: 'a Job that clones a branch and runs what it fetched',
      code: deploy('      restartPolicy: Never\n      containers:\n        - name: migrate\n          image: python:3.12-slim\n          command: ["sh", "-c", "git clone --depth=1 https://github.com/acme/shop.git /src && python /src/manage.py migrate"]\n', 'Job'),
      errors: [{ line: 16, column: 34, endLine: 16, endColumn: 43, messageId: 'job', message: 'Job `api` runs `git clone`' }],
    },
    {
      name: 'a CronJob that pulls its scripts before each run',
      code: cron('          containers:\n            - name: report\n              image: alpine/git:2.45.2\n              command:\n                - sh\n                - -c\n                - |\n                  cd /scripts && git pull origin main\n                  sh ./nightly-report.sh\n'),
      errors: [{ line: 19, column: 34, endColumn: 42, messageId: 'job', message: 'CronJob `report`' }],
    },
    {
      name: 'shell script clones then starts',
      code: deploy('      containers:\n        - name: api\n          image: node:20.14-alpine\n          command: ["sh", "-c", "git clone https://github.com/acme/shop.git /app && node /app/server.js"]\n'),
      errors: [{ line: 15, column: 34, endLine: 15, endColumn: 43, messageId: 'container', message: '`git clone`' }],
    },
    {
      name: 'init container cloning code (exec form split over items)',
      code: deploy('      initContainers:\n        - name: fetch-code\n          image: alpine/git:2.45.2\n          command:\n            - git\n            - clone\n            - --depth=1\n            - https://github.com/acme/shop.git\n      containers:\n        - name: api\n          image: python:3.12-slim\n'),
      errors: [{ line: 16, column: 15, endLine: 17, endColumn: 20, messageId: 'init' }],
    },
    {
      name: 'git pull in a block scalar script',
      code: deploy('      containers:\n        - name: api\n          image: shop/api:1.2.0\n          args:\n            - |\n              cd /srv/app\n              git -C /srv/app pull origin main\n              exec ./run\n'),
      errors: [{ line: 18, column: 15, endColumn: 35, messageId: 'container' }],
    },
    {
      name: 'the clone is reported, not the checkout of a version of it that follows (goldilocks)',
      code: deploy('      containers:\n        - name: api\n          image: shop/api:1.2.0\n          args:\n            - |\n              git clone https://github.com/acme/shop.git\n              cd shop\n              git checkout v1.4.0\n              exec ./run\n'),
      errors: [{ line: 17, column: 15, endColumn: 24, messageId: 'container' }],
    },
  ],
});
