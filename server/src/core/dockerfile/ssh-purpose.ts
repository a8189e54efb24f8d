/**
 * Whether an image's SSH server is part of what the image is for, not a way for administrators into a running app:
 * an SSH or SFTP server image, an MPI image (MPI launches its ranks over SSH), a Git server that carries Git over SSH
 * for its users (it creates a `git` account: Gitea, Gogs, Forgejo), or a development image. Shared by the rules on
 * installing and starting sshd and on exposing port 22, so the two agree.
 */
import type { DockerfileModel } from './model';
import { commandsOf, programOf } from './instructions';
import { effectiveWords } from './shell';
import { baseImageOf, isDevelopmentImage, startInfo } from './start-command';

/** The programs that are an SSH server. */
export const SSHD_PROGRAMS: ReadonlySet<string> = new Set(['sshd', 'dropbear']);

/** An MPI implementation installed or built in a RUN. */
const MPI = /\b(open-?mpi|libopenmpi|mpich|mvapich2?|oneapi-mpi|intel-mpi|impi)\b/i;

export function sshServesImagePurpose(model: DockerfileModel, uri: string): boolean {
  if (isDevelopmentImage(model, uri)) return true;
  const stage = model.finalStage;
  if (!stage) return false;
  const base = baseImageOf(stage);
  if (base && /ssh|sftp/.test(base.name)) return true;
  // Any stage counts: MPI is often built in a builder stage (Spack) and copied into the final one.
  const runs = model.instructionsOf('RUN');
  if (runs.some((i) => MPI.test(model.commandLine(i)?.script?.text ?? ''))) return true;
  // An image that runs only sshd is an SSH (or SFTP, git) server: that is its process type.
  const commands = startInfo(model)?.commands.filter((c) => c.words.length > 0) ?? [];
  if (commands.length > 0 && commands.every((c) => SSHD_PROGRAMS.has(c.program) || c.program === 'ssh-keygen')) return true;
  // A `git` account (`adduser … git`, `useradd … git`): users push and pull over SSH as that user.
  return runs.some((i) =>
    commandsOf(model.commandLine(i)).some((c) => {
      const words = effectiveWords(c);
      const program = programOf(words);
      return (program === 'adduser' || program === 'useradd') && words[words.length - 1]?.value === 'git';
    }),
  );
}
