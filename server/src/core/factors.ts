/**
 * The twelve factors as data. Explanations are written in our own words; the
 * methodology itself is at https://12factor.net (original text MIT-licensed).
 */
import type { FactorSlug } from './types';

export interface Factor {
  number: number;
  /** Roman numeral as the methodology numbers them. */
  numeral: string;
  slug: FactorSlug;
  title: string;
  /** The one-line summary of the factor, in our words. */
  summary: string;
  url: string;
  /** Three to six sentences: what the factor means and why it matters for cloud-native software. */
  explanation: string;
  /** What the factor asks of a container image (Dockerfile). */
  inImage: string;
  /** What the factor asks of a Kubernetes object. */
  inKubernetes: string;
}

const BASE_URL = 'https://12factor.net/';

function factor(number: number, numeral: string, slug: FactorSlug, title: string, summary: string, explanation: string, inImage: string, inKubernetes: string): Factor {
  return { number, numeral, slug, title, summary, url: BASE_URL + slug, explanation, inImage, inKubernetes };
}

export const FACTORS: readonly Factor[] = [
  factor(
    1,
    'I',
    'codebase',
    'Codebase',
    'One repository per app, and every environment deploys a build of it.',
    'Each app is built from exactly one version-controlled repository, and staging, production and every developer laptop run builds of that same history at different commits. ' +
      'When two apps share a repository, or one app is scattered over several, the boundary of the app has blurred, and the shared part should become a versioned library instead. ' +
      'With containers the repository is the build context: each image is made from a known commit, so any running pod can be traced back to its exact source. ' +
      'Fetching code from elsewhere at build or start time cuts that link and makes the running system impossible to reproduce.',
    'Build with the checked-out repository as the context and `COPY` the sources in; do not `git clone` or `ADD` a Git URL during the build. ' +
      'Record the commit in a label such as `org.opencontainers.image.revision` so the image tells you which revision it contains.',
    'A pod should run code that is already inside its image, not code pulled at start by a git-sync sidecar or a `git clone` in `command`. ' +
      'Every environment deploys images built from the same repository, differing only in the commit they carry and the config they receive.',
  ),
  factor(
    2,
    'II',
    'dependencies',
    'Dependencies',
    'Name every dependency with a pinned version and rely on nothing the host happens to have.',
    'An app should list every library it needs in a manifest backed by a lockfile, and never count on a package or command-line tool simply being present on the machine. ' +
      'A complete, pinned declaration is what lets a fresh checkout build to the same result on a laptop, in CI and in a serverless build pipeline. ' +
      'Containers make the isolation half of this easy, but only if the image is pinned too: a floating base tag or an unverified download silently turns next week\'s build into a different one. ' +
      'Reproducible dependencies also make vulnerability scans, SBOMs and patch rollouts meaningful, because you know exactly what shipped.',
    'Pin the base image to a specific tag (plus a digest where policy asks), copy the lockfile together with the manifest, and install with a locked command such as `npm ci` or `pip install --require-hashes`. ' +
      'Avoid `curl | sh` and unverified `ADD <url>`, and make sure anything the process calls at run time, health-check tools included, is installed in the final stage.',
    'Reference images by an explicit tag or digest so every pod gets the dependency set that was tested. ' +
      'Do not install packages from `command`, `args` or init containers at start, which moves dependency resolution into production and lets pods drift apart.',
  ),
  factor(
    3,
    'III',
    'config',
    'Config',
    'Whatever differs between deploys is supplied from outside the code and the image.',
    'Anything that changes from one deploy to the next counts as config: credentials, hostnames of backing services, feature switches, per-environment limits. ' +
      'It belongs outside the code, read from environment variables or an equivalent injected source, so one build can run anywhere without edits. ' +
      'A handy test is whether the repository could be published right now without leaking a single secret. ' +
      'Keep settings as independent, individually named values rather than bundles named after environments such as `staging` or `prod`, because environments multiply and bundles drift. ' +
      'On Kubernetes, ConfigMaps, Secrets and external secret stores deliver these values; in serverless, function environment variables and parameter stores play the same role.',
    'An image must be environment-neutral: `ENV` is fine for harmless defaults such as a port or a locale, never for secrets, per-environment URLs or switches like `NODE_ENV=development`. ' +
      'Do not copy `.env` files or `application-prod.yml` into the image, and do not freeze a build `ARG` into a runtime `ENV`.',
    'Feed settings to containers through `env` and `envFrom` that reference ConfigMaps and Secrets (`configMapKeyRef`, `secretKeyRef`), never through literal credentials in `env[].value`. ' +
      'Name ConfigMaps after what they configure rather than after an environment, and let the overlay or deployment tool pick the values.',
  ),
  factor(
    4,
    'IV',
    'backing-services',
    'Backing services',
    'Databases, queues and caches are swappable resources reached only through config.',
    'Databases, message brokers, caches, SMTP relays, object stores and third-party APIs are all backing services: things the app talks to over the network while it works. ' +
      'The app should handle a database running in the same cluster exactly like one rented from a cloud provider, locating either by a URL and credentials taken from config. ' +
      'That is what lets you replace a failing database with a restored replica, or a local container with a managed service, by changing config and restarting, with no code change. ' +
      'Running the database inside the application container, or hard-coding `localhost`, welds the two together and rules out independent scaling, backup and failover.',
    'The image holds the app, not its database: no `postgresql`, `redis-server` or `rabbitmq-server` installed and started next to it. ' +
      'Locators such as `DATABASE_URL` or `*_HOST` must not be baked in with `ENV`; leave them for the deployment to supply.',
    'Pass service locations and credentials from Secrets or ConfigMaps rather than as literal `redis://` URLs or IP addresses in the pod spec. ' +
      'A DNS name, or a Service of type `ExternalName`, gives a stable handle that can point at an in-cluster or a managed instance without touching the app.',
  ),
  factor(
    5,
    'V',
    'build-release-run',
    'Build, release, run',
    'Build one immutable artefact, add config to make a release, and only then run it.',
    'Turning code into a running system takes three separate steps: the build compiles and packages a commit into an artefact, the release joins that artefact with one environment\'s config, and the run step starts processes from a release. ' +
      'Changes flow in one direction only; nobody patches code inside a running container, and nothing is compiled or installed when a process starts. ' +
      'In container terms the image is the build output, an image reference plus its manifests and config is the release, and the kubelet or serverless runtime performs the run. ' +
      'Releases should be immutable and uniquely identified, so that a rollback is a redeploy of an earlier identifier rather than a repair job.',
    'Do all compiling, installing and bundling in `RUN` steps, ideally in a builder stage of a multi-stage build, so the final stage carries what is needed at run time and no toolchain. ' +
      '`CMD` and `ENTRYPOINT` should start the built artefact, never `npm install`, `go build` or `mvn package`.',
    'Reference images by an immutable tag or digest, never `latest` or a per-environment tag, so one artefact is promoted from staging to production unchanged. ' +
      'A container\'s `command` only starts what the image already holds, and rollouts and rollbacks move between identifiable releases.',
  ),
  factor(
    6,
    'VI',
    'processes',
    'Processes',
    'App processes keep no durable state; whatever must survive lives in a backing service.',
    'The app runs as one or more processes that hold nothing between requests which another instance could not rebuild. ' +
      'Memory and local disk are a scratchpad for the current unit of work; sessions, uploads, job state and caches that must outlive a request belong in a database, an object store or a cache service. ' +
      'This is what lets an orchestrator kill, move or clone any instance at any time without losing data or logging users out. ' +
      'Sticky sessions and node-local storage look harmless with one replica and fail quietly at the first scale-out, node drain or spot-instance reclaim.',
    'Avoid `VOLUME` for uploads, sessions or SQLite files, and do not configure file-based session stores, since that state vanishes with the container or pins the app to one host. ' +
      'Temporary files are fine, and an image that runs happily on a read-only root filesystem proves the point.',
    'Keep pods interchangeable: no `hostPath` data volumes, no `sessionAffinity: ClientIP`, and no `ReadWriteOnce` claim shared by several replicas. ' +
      '`emptyDir` is fine as scratch space, while genuinely stateful components such as databases are backing services with their own StatefulSet or a managed offering.',
  ),
  factor(
    7,
    'VII',
    'port-binding',
    'Port binding',
    'The app carries its own server and makes itself reachable by listening on a port.',
    'The app brings its own server: it embeds an HTTP, gRPC or other protocol server as a library and serves requests by binding to a port, instead of being deployed into a web server or application container supplied from outside. ' +
      'The platform then routes traffic to that port; in Kubernetes a Service and an Ingress do the routing, and in serverless the runtime adapter plays that part. ' +
      'Because anything reachable on a port can act as a backing service for another app, this is also how services compose. ' +
      'Inside a container the app must listen on `0.0.0.0`, not `127.0.0.1`, or nothing outside the container can reach it.',
    'Start a server that binds its port itself and declare that port with `EXPOSE`, keeping it consistent with the start command\'s flags and the health check. ' +
      'Listen on all interfaces and pick an unprivileged port above 1024 so the image can run as non-root.',
    'Declare each listening port as a `containerPort`, preferably named, and let Services reach it through `targetPort`; probes should point at ports the container actually declares. ' +
      'Avoid `hostPort` and `hostNetwork`, which tie pods to node ports and prevent several replicas from sharing a node.',
  ),
  factor(
    8,
    'VIII',
    'concurrency',
    'Concurrency',
    'Grow capacity by running more processes, with a separate process type per kind of work.',
    'Work is split into process types, such as a web type for requests, a worker type for queue jobs and a scheduler, and each type scales by running more copies. ' +
      'Threads and async runtimes still help inside one process, but a single process cannot outgrow a single machine, so horizontal scaling is the lever that matters. ' +
      'Supervision is the platform\'s job rather than the app\'s: no self-daemonizing and no PID files, just a foreground process that systemd, Kubernetes or a serverless runtime starts, watches and multiplies. ' +
      'On Kubernetes each process type maps naturally to its own Deployment with its own replica count and autoscaler.',
    'Run one process type per container, in the foreground, rather than a supervisor juggling web server, worker and cron inside one image. ' +
      'The same image may serve several process types through different commands, which keeps them all on one build.',
    'Give each process type its own Deployment and scale it with `replicas` or a HorizontalPodAutoscaler (`minReplicas`, `maxReplicas`, `metrics`). ' +
      'Set resource `requests` and `limits` so the scheduler can place and multiply pods predictably.',
  ),
  factor(
    9,
    'IX',
    'disposability',
    'Disposability',
    'Processes boot in seconds, exit cleanly on SIGTERM and cope with being killed outright.',
    'Orchestrators create and destroy processes all the time: on deploys, scale events, node drains and spot-instance reclaims. ' +
      'A process that is ready within seconds keeps rollouts and autoscaling responsive, and one that reacts to `SIGTERM` by finishing in-flight requests, returning unfinished jobs to the queue and closing connections makes those events invisible to users. ' +
      'Because hardware and kernels still fail, the app must also survive being killed without warning, which calls for idempotent jobs and no half-written state. ' +
      'Serverless functions push this to the extreme, with cold starts on the request path and instances recycled whenever the platform likes.',
    'Use the exec form of `CMD` and `ENTRYPOINT` so the app is PID 1, or runs under a small init such as `tini`, and actually receives the stop signal; a shell-form command swallows it. ' +
      'Set `STOPSIGNAL` if the app expects something other than `SIGTERM`, and keep work done at startup light.',
    'Configure a `readinessProbe`, a `livenessProbe` and, where boot is slow, a `startupProbe`, so traffic arrives only once the pod is ready and hung pods get replaced. ' +
      'Size `terminationGracePeriodSeconds` to the real drain time and add a `preStop` hook when load balancers need a moment to stop sending requests.',
  ),
  factor(
    10,
    'X',
    'dev-prod-parity',
    'Dev/prod parity',
    'Keep the time, people and tooling gaps between a laptop and production small.',
    'Bugs hide in the differences between where code is written and where it runs: another database engine, an older runtime, a manual deploy weeks after the commit. ' +
      'The methodology names three gaps to close, namely the time from commit to production, the split between those who write code and those who deploy it, and the tools that differ between environments. ' +
      'Containers make the tooling gap cheap to close, since the same image with the same base and the same backing-service versions can run on a laptop, in CI and in production. ' +
      'Swapping in lightweight stand-ins, SQLite for Postgres or an in-memory queue for a real broker, saves minutes locally and costs hours during incidents.',
    'Build one image for all environments, with no `-dev` variants and no debugging tools that exist in only one flavour. ' +
      'Run as the same non-root `USER` everywhere, so permission problems show up on a laptop and not for the first time in a locked-down cluster.',
    'Deploy the same image digest to every environment and vary only config, replica counts and resources between overlays. ' +
      'Use the same kinds of backing services in each environment and apply the same `securityContext`, so development clusters do not permit what production forbids.',
  ),
  factor(
    11,
    'XI',
    'logs',
    'Logs',
    'Write logs unbuffered to stdout; routing and storage are the platform\'s job.',
    'A running app should not manage log files, rotation or shipping; it emits one event per line on standard output, without buffering, and moves on. ' +
      'Where those events end up is decided by the execution environment: the container runtime captures them, and an agent such as Fluent Bit or a cloud logging service collects, indexes and archives them. ' +
      'Keeping the app out of that decision means the same build logs correctly to a terminal, to `kubectl logs` and to a central search system. ' +
      'Log files inside a container are lost when it is replaced, fill its writable layer and stay invisible to the cluster\'s tooling. ' +
      'Structured output such as JSON lines makes the stream easy to query without changing this contract.',
    'Configure the app and its server to log to stdout and stderr, not to files under `/var/log` or the app directory; where software insists on a file, symlink it to `/dev/stdout` as the official nginx image does. ' +
      'Turn off output buffering, for example with `PYTHONUNBUFFERED=1`, so events appear promptly.',
    'Let the node\'s log collection pick up container output; do not mount volumes just to hold log files or add sidecars that tail files the app should not be writing. ' +
      'Setting `terminationMessagePolicy: FallbackToLogsOnError` surfaces the last lines of output when a container fails.',
  ),
  factor(
    12,
    'XII',
    'admin-processes',
    'Admin processes',
    'One-off tasks run from the same release and config as the long-running app.',
    'Database migrations, data repairs, console sessions and scheduled maintenance are part of the app and should run as short-lived processes of the current release. ' +
      'They use the same code, dependencies and config as the web and worker processes, so a migration never runs against a schema the deployed code does not expect. ' +
      'Ad-hoc scripts run from a laptop, or SSH sessions that edit a live container, are the anti-pattern: untracked, unrepeatable and often built from other versions. ' +
      'On Kubernetes that means a Job or CronJob using the app\'s own image, and in serverless a separately invoked function from the same package.',
    'Ship admin scripts and migration tooling in the same image as the app, callable through an alternate command, rather than maintaining a separate maintenance image. ' +
      'Do not run migrations automatically from `ENTRYPOINT` on every container start, where replicas race each other.',
    'Run one-off tasks as a `Job` and recurring ones as a `CronJob` with a `schedule`, using the app\'s image tag and the same `envFrom` sources as its Deployment. ' +
      'Prefer a Job or deploy hook per release over an init container for migrations, since init containers run once per pod rather than once per release.',
  ),
];

const BY_SLUG = new Map(FACTORS.map((f) => [f.slug, f]));

export function factorBySlug(slug: FactorSlug): Factor {
  const found = BY_SLUG.get(slug);
  if (!found) throw new Error(`unknown factor ${slug}`);
  return found;
}
