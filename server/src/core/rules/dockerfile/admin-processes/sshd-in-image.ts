import { defineDockerfileRule } from '../../../rule';
import { baseImageOf, isDevelopmentDockerfile, startInfo } from '../../../dockerfile/start-command';
import { runtimePackages } from '../../../dockerfile/packages';

const SSHD_PACKAGES = new Set(['openssh-server', 'openssh', 'dropbear', 'openssh-server-pam']);
const SSHD_PROGRAMS = new Set(['sshd', 'dropbear']);

/** An MPI implementation installed or built in a RUN. */
const MPI = /\b(open-?mpi|libopenmpi|mpich|mvapich2?|oneapi-mpi|intel-mpi|impi)\b/i;

export default defineDockerfileRule({
  meta: {
    id: 'admin-processes/sshd-in-image',
    factor: 'admin-processes',
    defaultSeverity: 'warning',
    description: 'An SSH server is installed or started in the app image.',
    rationale: [
      'An SSH daemon in an app container is a way to do admin work by hand on one running instance: the change is not',
      'reproducible, affects one replica out of many and is lost when the container is replaced. It also adds a second',
      'long-running process and a credentialed entry point to every container.',
      '',
      'Run admin tasks as one-off processes from the same image (`kubectl exec`/`kubectl debug`, `docker exec`,',
      'a Job or `docker run --rm <image> <task>`). Images whose purpose is an SSH/SFTP server, images that install an MPI',
      'implementation (Open MPI, MPICH, MVAPICH, Intel MPI), which launches its ranks over SSH, and `.devcontainer`',
      'Dockerfiles are not reported.',
    ].join('\n'),
    messages: {
      installed: '`{{name}}` installs an SSH server in the app image; run admin tasks as one-off processes (`kubectl exec`, a Job) instead.',
      started: '`{{name}}` starts an SSH server in the app container; run admin tasks as one-off processes instead.',
    },
  },
  check({ model, source, report }) {
    if (isDevelopmentDockerfile(source.uri)) return;
    const stage = model.finalStage;
    if (!stage) return;
    const base = baseImageOf(stage);
    if (base && /ssh|sftp/.test(base.name)) return;
    // MPI launches its ranks over SSH (Open MPI, MPICH, Intel MPI's Hydra): there sshd is the job's transport, not a way in.
    // Any stage counts: MPI is often built in a builder stage (Spack) and copied into the final one.
    if (model.instructionsOf('RUN').some((i) => MPI.test(model.commandLine(i)?.script?.text ?? ''))) return;
    const info = startInfo(model);
    const commands = info?.commands.filter((c) => c.words.length > 0) ?? [];
    // An image that runs only sshd is an SSH (or SFTP, git) server: that is its process type.
    if (commands.length > 0 && commands.every((c) => SSHD_PROGRAMS.has(c.program) || c.program === 'ssh-keygen')) return;
    for (const pkg of runtimePackages(model)) {
      if (SSHD_PACKAGES.has(pkg.name.toLowerCase()) && pkg.manager !== 'npm' && pkg.manager !== 'pip' && pkg.manager !== 'gem') report({ messageId: 'installed', data: { name: pkg.name }, range: pkg.word.range });
    }
    for (const command of commands) {
      const v = command.words.map((w) => w.value);
      if (SSHD_PROGRAMS.has(command.program)) report({ messageId: 'started', data: { name: command.program }, range: command.words[0].range });
      else if (command.program === 'service' && /^(ssh|sshd)$/.test(v[1] ?? '')) report({ messageId: 'started', data: { name: `service ${v[1]}` }, range: command.words[1].range });
    }
  },
});
