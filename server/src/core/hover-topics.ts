/**
 * Hover data for syntax that a factor governs even when no rule reports anything:
 * hovering `EXPOSE` or `readinessProbe` says which factor it serves and what that
 * factor asks of it. Written in our own words (see factors.ts). Pure data, no I/O.
 */
import type { FactorSlug } from './types';

export interface HoverTopic {
  factor: FactorSlug;
  /** one or two sentences: what this factor asks of this instruction/key */
  text: string;
}

function topic(factor: FactorSlug, text: string): HoverTopic {
  return Object.freeze({ factor, text });
}

/** Keyed by upper-case Dockerfile instruction keyword. */
export const DOCKERFILE_TOPICS: Readonly<Record<string, HoverTopic>> = Object.freeze({
  FROM: topic(
    'dependencies',
    'The base image is the largest dependency the app declares, so pin it to an explicit tag (and a digest where policy asks) instead of `latest` or no tag at all. ' +
      'The final stage should start from the smallest image that still has everything the process needs at run time.',
  ),
  RUN: topic(
    'build-release-run',
    '`RUN` executes at build time only, which makes it the place for compiling, installing and bundling, so that nothing has to happen when a container starts. ' +
      'Keep toolchains in a builder stage and copy only the results into the final stage.',
  ),
  CMD: topic(
    'disposability',
    'Use the exec form (`CMD ["app", "--flag"]`) so the process runs as PID 1, receives `SIGTERM` and can shut down gracefully; the shell form wraps it in `/bin/sh`, which swallows the signal. ' +
      'The command should start the built artefact quickly, never install or build anything.',
  ),
  LABEL: topic(
    'build-release-run',
    'Labels make a release traceable: stamp each image with its source revision, version and origin, for example `org.opencontainers.image.revision` and `org.opencontainers.image.source`. ' +
      'That way any running container can be tied back to the exact build that produced it.',
  ),
  MAINTAINER: topic(
    'build-release-run',
    '`MAINTAINER` is deprecated; record authorship as release metadata with `LABEL org.opencontainers.image.authors=...` instead, next to the revision and version labels that identify the build.',
  ),
  EXPOSE: topic(
    'port-binding',
    'The app binds its own port, and `EXPOSE` documents which one; keep it in step with the start command\'s port flag and the health check, and listen on `0.0.0.0` rather than `localhost`. ' +
      'An unprivileged port above 1024 lets the container run as non-root.',
  ),
  ENV: topic(
    'config',
    '`ENV` is baked into every container from this image, so use it only for harmless defaults that hold everywhere, such as a locale or `PYTHONUNBUFFERED=1`. ' +
      'Secrets, backing-service URLs and per-environment switches like `NODE_ENV=development` belong to the deployment, not the image.',
  ),
  ADD: topic(
    'dependencies',
    'A remote `ADD <url>` pulls an artefact into the build without any integrity check unless you pin it with `--checksum`, and `ADD <git url>` fetches code from outside the build context. ' +
      'For local files prefer `COPY`, whose behaviour has no surprises such as automatic archive extraction.',
  ),
  COPY: topic(
    'codebase',
    'The build context is the codebase: `COPY` the application from it, so the image is built from a known commit, rather than fetching sources during the build. ' +
      'Copy the lockfile together with the dependency manifest, and keep `.env` files and secrets out of the context with `.dockerignore`.',
  ),
  ENTRYPOINT: topic(
    'disposability',
    'Use the exec form so the app, or a small init such as `tini` that forwards signals, is PID 1 and can drain and exit cleanly on `SIGTERM`. ' +
      'A wrapper script must `exec` the real process, and should not run migrations or other slow work on every start.',
  ),
  VOLUME: topic(
    'processes',
    'Processes should be stateless, so a `VOLUME` for uploads, sessions or a SQLite file signals state that will be lost on reschedule or that pins the app to one host. ' +
      'Durable data belongs in a backing service; scratch space does not need a declared volume.',
  ),
  USER: topic(
    'dev-prod-parity',
    'Run as a fixed non-root user in the image itself, so the app runs with the same identity and file permissions on a laptop, in CI and in a cluster that enforces non-root. ' +
      'Otherwise permission bugs surface for the first time in production, which is exactly the gap this factor asks you to close.',
  ),
  WORKDIR: topic(
    'codebase',
    '`WORKDIR` is where the codebase lives inside the image; an absolute path gives every deploy of this code the same layout, whatever the environment. ' +
      'Keep it for code and read-only assets, and keep writable data out of it.',
  ),
  ARG: topic(
    'build-release-run',
    'Build arguments exist only in the build stage: use them to parameterise the build (versions, targets), not to carry runtime config, and never copy them into `ENV`. ' +
      'They are visible in the image history, so secrets go through `RUN --mount=type=secret` instead.',
  ),
  ONBUILD: topic(
    'build-release-run',
    '`ONBUILD` hides build steps that execute later, inside someone else\'s build, which makes that build harder to read and reproduce. ' +
      'Prefer writing the steps explicitly in the Dockerfile that needs them.',
  ),
  STOPSIGNAL: topic(
    'disposability',
    'Sets the signal sent to ask the process to stop; choose the one the app treats as a graceful shutdown (most handle `SIGTERM`, nginx prefers `SIGQUIT`). ' +
      'The app should then finish in-flight work and exit well within the platform\'s grace period.',
  ),
  HEALTHCHECK: topic(
    'disposability',
    'A health check lets the runtime notice a hung process and replace it; any tool it calls, such as `curl`, must actually be installed in the final stage. ' +
      'Kubernetes ignores `HEALTHCHECK` and uses the pod\'s probes instead.',
  ),
  SHELL: topic(
    'build-release-run',
    '`SHELL` changes how later `RUN` steps and shell-form commands are executed; setting `["/bin/bash", "-o", "pipefail", "-c"]` makes a failing pipeline fail the build instead of producing a broken artefact. ' +
      'It does not change the signal handling of a shell-form `CMD`, so keep start commands in exec form.',
  ),
});

/** Keyed by a Kubernetes key name as it appears in YAML (e.g. `env`, `ports`, `replicas`). */
export const KUBERNETES_TOPICS: Readonly<Record<string, HoverTopic>> = Object.freeze({
  // Build, release, run
  image: topic(
    'build-release-run',
    'The image reference identifies the release being run, so use an immutable tag or digest, never `latest` or a per-environment tag. ' +
      'The same artefact should be promoted unchanged from one environment to the next.',
  ),
  imagePullPolicy: topic(
    'build-release-run',
    'With an immutable tag or digest, `IfNotPresent` is safe and fast. ' +
      '`Always` combined with a mutable tag means two pods of one Deployment can run different code.',
  ),
  revisionHistoryLimit: topic(
    'build-release-run',
    'Earlier ReplicaSets are the releases you can roll back to; keep enough of them that a rollback is a redeploy, not a rebuild.',
  ),
  command: topic(
    'build-release-run',
    'The run stage only starts what the build produced: `command` overrides the image `ENTRYPOINT` and must not install packages, compile or clone code. ' +
      'Keep it to the executable and let the image define how it starts.',
  ),
  // Config
  args: topic(
    'config',
    'Values that differ between deploys should reach `args` by reference, as `$(VAR_NAME)` expanded from the container\'s `env`, rather than as literals repeated in every overlay.',
  ),
  env: topic(
    'config',
    'Environment variables are the standard channel for config, but a literal `value` here is visible to anyone who can read the manifest. ' +
      'Take credentials from Secrets with `valueFrom.secretKeyRef`, and keep plain values free of secrets.',
  ),
  envFrom: topic(
    'config',
    'Imports every key of a ConfigMap or Secret as environment variables, which keeps settings out of the pod spec. ' +
      'Source ConfigMaps named for what they configure rather than for an environment.',
  ),
  valueFrom: topic(
    'config',
    'Resolves a variable from a Secret, a ConfigMap or the pod\'s own fields at start, keeping the value itself out of the manifest; this is the right shape for anything sensitive.',
  ),
  secretKeyRef: topic(
    'config',
    'Reads one key of a Secret into the variable, so credentials are managed and rotated outside the manifest and the image.',
  ),
  configMapKeyRef: topic(
    'config',
    'Reads one key of a ConfigMap into the variable, letting each environment supply its own value without a change to the workload.',
  ),
  configMapRef: topic(
    'config',
    'Imports a whole ConfigMap as environment variables; name it for what it configures, and keep secrets in a Secret instead.',
  ),
  secretRef: topic(
    'config',
    'Imports a whole Secret as environment variables, keeping credentials out of the pod spec; mind that every key becomes visible to the process.',
  ),
  data: topic(
    'config',
    'ConfigMap and Secret data are config: independent, individually named settings, not a bundle named after one environment. ' +
      'Secret values in a ConfigMap are readable by anyone with read access to the namespace.',
  ),
  stringData: topic(
    'config',
    'Plaintext Secret values written here end up in version control if the manifest is committed; generate them from a secret manager or use sealed or external secrets.',
  ),
  // Backing services
  externalName: topic(
    'backing-services',
    'An `ExternalName` Service gives a backing service a stable in-cluster name, so switching from an in-cluster instance to a managed one is a config change, not a code change.',
  ),
  // Processes
  volumes: topic(
    'processes',
    'Pods should be disposable and interchangeable, so volumes are for config, secrets and scratch space; durable application data belongs in a backing service.',
  ),
  volumeMounts: topic(
    'processes',
    'Mount config and scratch space freely, but a writable mount holding uploads or sessions makes the process stateful and ties it to the data\'s location.',
  ),
  hostPath: topic(
    'processes',
    'A `hostPath` volume writes to the node\'s disk, so the data stays behind when the pod is rescheduled and every replica sees a different copy. ' +
      'Keep durable state in a backing service.',
  ),
  emptyDir: topic(
    'processes',
    '`emptyDir` lives and dies with the pod, which makes it right for caches and temporary files and wrong for anything that must survive a restart or be shared by replicas.',
  ),
  persistentVolumeClaim: topic(
    'processes',
    'A claim gives a pod durable storage, which a stateless process should not need; state that must persist belongs in a database or object store, or in a StatefulSet that is itself a backing service.',
  ),
  accessModes: topic(
    'processes',
    'A `ReadWriteOnce` claim can be mounted by one node at a time, so a Deployment with several replicas or an autoscaler will get stuck or split its state.',
  ),
  sessionAffinity: topic(
    'processes',
    '`ClientIP` affinity pins a client to one pod, which only helps when that pod holds session state. ' +
      'Store sessions in a shared backing service and leave affinity at `None`.',
  ),
  readOnlyRootFilesystem: topic(
    'processes',
    'A read-only root filesystem proves the process keeps no state on local disk; mount an `emptyDir` for the few paths that need scratch space.',
  ),
  // Port binding
  ports: topic(
    'port-binding',
    'The app exports its service by binding a port; list each listening port here, named where Services or probes refer to it, and keep it consistent with the image\'s `EXPOSE`.',
  ),
  containerPort: topic(
    'port-binding',
    'The port the process itself listens on, bound to `0.0.0.0` inside the container; a name such as `http` lets Services and probes refer to it by role.',
  ),
  targetPort: topic(
    'port-binding',
    'Must resolve to a `containerPort` of the selected pods, by number or by name, or the Service routes traffic nowhere.',
  ),
  hostPort: topic(
    'port-binding',
    'Binding to a port on the node means only one such pod fits per node and ties the service to node addresses. ' +
      'Expose the container port through a Service instead.',
  ),
  hostNetwork: topic(
    'port-binding',
    'Sharing the node\'s network namespace makes the app bind node ports directly, which causes port clashes between replicas and bypasses the Service model.',
  ),
  // Concurrency
  replicas: topic(
    'concurrency',
    'Scaling happens by running more copies of a process type; leave this unset when a HorizontalPodAutoscaler manages the count, or the two will fight.',
  ),
  minReplicas: topic(
    'concurrency',
    'The floor of the process count; at least two keeps a process type available while one pod is being replaced.',
  ),
  maxReplicas: topic(
    'concurrency',
    'The ceiling for scale-out; set it from what the backing services can absorb, not only from cluster capacity.',
  ),
  metrics: topic(
    'concurrency',
    'The signals the autoscaler scales on; queue length or requests per pod often track the load of a process type better than CPU.',
  ),
  resources: topic(
    'concurrency',
    'Each process type should have a known size so it can be multiplied predictably; declare `requests` and `limits` for CPU and memory.',
  ),
  requests: topic(
    'concurrency',
    'What the scheduler reserves for one copy of the process; realistic requests let pods be packed and scaled out predictably.',
  ),
  limits: topic(
    'concurrency',
    'The most one process may consume; a memory limit turns a leak into a restart of one pod instead of trouble for the whole node.',
  ),
  selector: topic(
    'concurrency',
    'Selects the interchangeable pods of one process type; a Service selector spreads traffic across all of them, however many replicas there are.',
  ),
  // Disposability
  livenessProbe: topic(
    'disposability',
    'Lets the kubelet restart a hung process; check only the process itself, not its backing services, or one database outage restarts every pod.',
  ),
  readinessProbe: topic(
    'disposability',
    'Sends traffic only to pods that are ready, which makes fast start and graceful rollout visible to users; point it at a port the container declares.',
  ),
  startupProbe: topic(
    'disposability',
    'Gives slow-booting processes time before liveness checks begin, though a process that starts in seconds rarely needs one.',
  ),
  lifecycle: topic(
    'disposability',
    'Hooks around start and stop; a `preStop` hook can give load balancers time to stop routing before the process receives `SIGTERM`.',
  ),
  preStop: topic(
    'disposability',
    'Runs before `SIGTERM` is sent; a short sleep here lets endpoints update so in-flight requests are not cut off during a rollout.',
  ),
  terminationGracePeriodSeconds: topic(
    'disposability',
    'The time between `SIGTERM` and `SIGKILL`; it must cover the `preStop` hook plus the real drain time of the process.',
  ),
  strategy: topic(
    'disposability',
    'A rolling update starts and stops pods continuously, so it is only smooth when pods start quickly and drain gracefully; tune `maxSurge` and `maxUnavailable` to that.',
  ),
  restartPolicy: topic(
    'disposability',
    'Crashes are expected and the platform restarts the process; for Jobs choose `OnFailure` or `Never` so a one-off task does not loop forever.',
  ),
  // Dev/prod parity
  securityContext: topic(
    'dev-prod-parity',
    'Apply the same security context, such as non-root and a read-only root filesystem, in every environment, so development catches what production would reject.',
  ),
  runAsNonRoot: topic(
    'dev-prod-parity',
    'Requires the image to run as a non-root user; enforce it everywhere, not only in production, so permission problems appear early.',
  ),
  // Logs
  terminationMessagePolicy: topic(
    'logs',
    '`FallbackToLogsOnError` shows the tail of the container\'s output in the pod status when it fails, which works because the app logs to stdout.',
  ),
  // Admin processes
  initContainers: topic(
    'admin-processes',
    'Init containers run once per pod before the app starts, which suits waiting for a dependency. ' +
      'Migrations are one-off tasks per release and fit better in a Job built from the same image.',
  ),
  schedule: topic(
    'admin-processes',
    'A CronJob runs recurring admin tasks as one-off processes; use the app\'s image and config so the task runs the same release as the app.',
  ),
  jobTemplate: topic(
    'admin-processes',
    'The Job each schedule creates; give it the app\'s image and the same `envFrom` sources so the task sees the same code and config.',
  ),
  concurrencyPolicy: topic(
    'admin-processes',
    'Admin tasks should not overlap by accident; `Forbid` skips a run while the previous one is still going.',
  ),
  backoffLimit: topic(
    'admin-processes',
    'How often a failed one-off task is retried; retries are only safe when the task is idempotent.',
  ),
});

/**
 * Keys of a Lambda function in a SAM/CloudFormation template (`Properties`, `Globals.Function`) or a
 * serverless.yml (`provider:`, `functions.<name>:`), by the name the template writes.
 */
const ENVIRONMENT_TOPIC = topic(
  'config',
  'The function\'s environment is its config: it should hold what differs between stages, supplied by the deploy (parameters, `!Ref`, `${sls:stage}`), and references to secrets (a Secrets Manager ARN read at run time), never a secret\'s value or a stage written as a literal. ' +
    'Backing services are attached here too, by `!GetAtt`/`!Ref` or a parameter rather than a literal host.',
);
const RUNTIME_TOPIC = topic(
  'dev-prod-parity',
  'Develop and test on the runtime that production runs, and keep it one that AWS Lambda still supports: a deprecated runtime gets no security patches and, later, cannot be updated.',
);
const TIMEOUT_TOPIC = topic(
  'disposability',
  'A disposable function finishes its work well within what its callers wait for: under 29 s behind a REST API (30 s for an HTTP API), and below the visibility timeout of the SQS queue that triggers it.',
);
const CONCURRENCY_TOPIC = topic(
  'concurrency',
  'Lambda scales out by running more instances; reserved concurrency caps them, and 0 stops the function entirely.',
);
export const SERVERLESS_TOPICS: Readonly<Record<string, HoverTopic>> = Object.freeze({
  Environment: ENVIRONMENT_TOPIC,
  environment: ENVIRONMENT_TOPIC,
  Runtime: RUNTIME_TOPIC,
  runtime: RUNTIME_TOPIC,
  Timeout: TIMEOUT_TOPIC,
  timeout: TIMEOUT_TOPIC,
  ReservedConcurrentExecutions: CONCURRENCY_TOPIC,
  reservedConcurrency: CONCURRENCY_TOPIC,
  AutoPublishAlias: topic(
    'build-release-run',
    'Publishes each deploy as a numbered, immutable version behind an alias, so a release can be named, compared and rolled back; without it the function is only ever updated in place.',
  ),
  versionFunctions: topic(
    'build-release-run',
    'The Serverless Framework publishes each deploy as a Lambda version unless this is `false`; keep it on so every release can be named and rolled back.',
  ),
  CodeUri: topic(
    'build-release-run',
    'Where the build comes from: a local path that `sam package` uploads as a content-addressed artifact, or an S3 object pinned by its `Version`; a key such as `latest.zip` makes the release mutable.',
  ),
  LoggingConfig: topic(
    'logs',
    'Lambda sends standard output to CloudWatch Logs; `LogFormat: JSON` makes every line a structured event that queries, metric filters and subscriptions can read field by field.',
  ),
});
