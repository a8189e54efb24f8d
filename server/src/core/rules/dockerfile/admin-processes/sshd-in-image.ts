import { defineDockerfileRule } from '../../../rule';
import type { DockerfileModel } from '../../../dockerfile/model';
import { startInfo } from '../../../dockerfile/start-command';
import { runtimePackages } from '../../../dockerfile/packages';
import { SSHD_PROGRAMS, sshServesImagePurpose } from '../../../dockerfile/ssh-purpose';

const SSHD_PACKAGES = new Set(['openssh-server', 'openssh', 'dropbear', 'openssh-server-pam', 'ssh']);

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
      'implementation (Open MPI, MPICH, MVAPICH, Intel MPI), which launches its ranks over SSH, `.devcontainer`',
      'Dockerfiles and last stages named as development targets (`AS debug`, `AS dev`) are not reported; nor are Git',
      'servers that create a `git` account (Gitea, Gogs, Forgejo), whose users push and pull over SSH. Alpine\'s `openssh`',
      'package and Debian\'s `ssh` (which installs openssh-server beside the client) are often installed for the client:',
      'they are reported only when the Dockerfile also uses the server (names sshd, makes host keys with `ssh-keygen -A`,',
      'exposes port 22).',
    ].join('\n'),
    messages: {
      installed: '`{{name}}` installs an SSH server in the app image; run admin tasks as one-off processes (`kubectl exec`, a Job) instead.',
      started: '`{{name}}` starts an SSH server in the app container; run admin tasks as one-off processes instead.',
    },
  },
  check({ model, source, report, buildContext }) {
    // MPI launches its ranks over SSH; an SSH, SFTP or Git server serves its users through it (see ssh-purpose.ts).
    if (!model.finalStage || sshServesImagePurpose(model, source.uri, buildContext)) return;
    const commands = startInfo(model)?.commands.filter((c) => c.words.length > 0) ?? [];
    let serverUsed: boolean | undefined;
    for (const pkg of runtimePackages(model)) {
      const name = pkg.name.toLowerCase();
      if (!SSHD_PACKAGES.has(name) || pkg.manager === 'npm' || pkg.manager === 'pip' || pkg.manager === 'gem') continue;
      // Alpine's `openssh` brings the client with the server and is installed for `ssh`, `ssh-keygen` and Git over
      // SSH (Opengist): only an image that uses the server (sshd named, host keys made, port 22) is reported.
      // So does Debian's `ssh`, which depends on both openssh-client and openssh-server.
      if (((name === 'openssh' && pkg.manager === 'apk') || (name === 'ssh' && pkg.manager === 'apt')) && !(serverUsed ??= usesSshServer(model))) continue;
      if (name === 'ssh' && pkg.manager !== 'apt') continue;
      report({ messageId: 'installed', data: { name: pkg.name }, range: pkg.word.range });
    }
    for (const command of commands) {
      const v = command.words.map((w) => w.value);
      if (SSHD_PROGRAMS.has(command.program)) report({ messageId: 'started', data: { name: command.program }, range: command.words[0].range });
      else if (command.program === 'service' && /^(ssh|sshd)$/.test(v[1] ?? '')) report({ messageId: 'started', data: { name: `service ${v[1]}` }, range: command.words[1].range });
    }
  },
});

/** True when the Dockerfile shows it uses an SSH server: it names sshd (a config, the binary), makes host keys (`ssh-keygen -A`) or exposes port 22. */
function usesSshServer(model: DockerfileModel): boolean {
  const text = model.source.text;
  if (text.includes('sshd') || text.includes('ssh-keygen -A') || text.includes('dropbear')) return true;
  return model.instructionsOf('EXPOSE').some((i) => i.getArguments().some((a) => /^22(\/tcp)?$/.test(a.getValue())));
}
