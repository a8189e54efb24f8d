/**
 * Whether an image's SSH server is part of what the image is for, not a way for administrators into a running app:
 * an SSH or SFTP server image, an MPI image (MPI launches its ranks over SSH), a Git server that carries Git over SSH
 * for its users (it creates a `git` account: Gitea, Gogs, Forgejo), or a development image. Shared by the rules on
 * installing and starting sshd and on exposing port 22, so the two agree.
 */
import type { DockerfileModel } from './model';
import { commandsOf, programOf } from './instructions';
import { effectiveWords, splitCommands, verbatimText, type SimpleCommand } from './shell';
import { SourceText } from '../source';
import { buildScripts, type BuildContext } from '../build-context';
import { baseImageOf, isDevelopmentImage, startInfo } from './start-command';

/** The programs that are an SSH server. */
export const SSHD_PROGRAMS: ReadonlySet<string> = new Set(['sshd', 'dropbear']);

/** An MPI implementation installed or built in a RUN. */
const MPI = /\b(open-?mpi|libopenmpi|mpich|mvapich2?|oneapi-mpi|intel-mpi|impi)\b/i;

export function sshServesImagePurpose(model: DockerfileModel, uri: string, buildContext?: BuildContext): boolean {
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
  // A `git` account (`adduser … git`, `useradd … git`): users push and pull over SSH as that user. In a RUN, or in a
  // script from the build context that a RUN runs (Gogs' docker/build/finalize.sh).
  if (runs.some((i) => commandsOf(model.commandLine(i)).some(createsGitAccount))) return true;
  if (!buildContext?.files) return false;
  for (const { contextPath } of buildScripts(model)) {
    const file = buildContext.files[contextPath];
    if (!file) continue;
    const script = new SourceText(file.uri, file.text);
    if (splitCommands(script, verbatimText(script, 0, file.text.length)).some(createsGitAccount)) return true;
  }
  return false;
}

/** Options of adduser and useradd whose value is the next word (a group, a home, a shell, a comment). */
const ACCOUNT_OPTIONS_WITH_VALUE = new Set(['-G', '-g', '-h', '-s', '-u', '-k', '-d', '-c', '-K', '-p', '-e', '-f', '--ingroup', '--gid', '--home', '--shell', '--uid', '--gecos', '--comment', '--groups']);

/** `adduser -G git -H -D -g 'Gogs Git User' git -h /data/git`, `useradd -m git`: the account named is `git`. */
function createsGitAccount(command: SimpleCommand): boolean {
  const words = effectiveWords(command);
  const program = programOf(words);
  if (program !== 'adduser' && program !== 'useradd') return false;
  for (let i = 1; i < words.length; i++) {
    const value = words[i].value;
    if (ACCOUNT_OPTIONS_WITH_VALUE.has(value)) i++;
    else if (value === 'git') return true;
  }
  return false;
}
