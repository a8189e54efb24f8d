import type { Instruction } from 'dockerfile-ast';
import { defineDockerfileRule } from '../../../rule';
import { effectiveWords } from '../../../dockerfile/shell';
import { copyPaths, flagOf, gitVerbIndex, hasReference, programOf, soleReference, spanOf, variablesAt, type Variables } from '../../../dockerfile/instructions';

/** A ref that names one immutable state: a version tag or a commit id. */
// `(?=((?:\.\d+)*))\1` takes the dotted numbers atomically (the suffix could take them too, so the engine
// would otherwise retry every split of `1.2.3.4…`); the accepted refs are the same.
const PINNED_REF = /^(?:v?\d+\.\d+(?=((?:\.\d+)*))\1(?:[-+._][0-9A-Za-z.+-]*)?|[0-9a-f]{7,40}|refs\/tags\/.+)$/;
/**
 * A release tag named after its project (`go1.22.1`, `llvmorg-18.1.8`, `IMB-v2021.3`, `curl-8_4_0`, `OpenSSL_1_1_1w`,
 * `pcre2-10.42-rc1`). Release branches carry a word that says so (`release-1.2`, `stable-5.10`) or end in `.x` or
 * `-stable`, which this does not match. Tried on refs of at most 64 characters, so its backtracking is bounded.
 */
const NAMED_VERSION = /^([A-Za-z][A-Za-z0-9]*?)[-_]?v?\d+(?:[._]\d+)+[a-z]?(?:[-.]?(?:rc|alpha|beta|pre|p)\.?\d+)?$/i;
const BRANCH_WORDS = new Set(['release', 'releases', 'rel', 'stable', 'lts', 'hotfix', 'support', 'maint', 'maintenance', 'branch', 'dev', 'develop', 'feature', 'bugfix', 'main', 'master', 'trunk']);

/** True when `ref` names one immutable state: a version tag (bare or named after its project), a commit id, `refs/tags/…`. */
function isPinnedRef(ref: string): boolean {
  if (PINNED_REF.test(ref)) return true;
  const named = ref.length <= 64 ? NAMED_VERSION.exec(ref) : null;
  return named !== null && !BRANCH_WORDS.has(named[1].toLowerCase());
}

const GIT_URL = /^(git@[^:]+:|git:\/\/|ssh:\/\/git@|https?:\/\/[^#]+\.git(#.*)?$)/i;
/** Downloads whose URL is a build variable that are looked up per file (see checkRun): the work stays linear. */
const MAX_EXPANDED_DOWNLOADS = 16;

/** Source archives of a branch head on the common forges. */
const BRANCH_ARCHIVE = /^https?:\/\/(github\.com\/[^/]+\/[^/]+\/(archive\/(refs\/heads\/[^/]+|(main|master|develop|trunk|HEAD))\.(tar\.gz|tgz|zip)|tarball\/?$|zipball\/?$|(tarball|zipball)\/(main|master|develop|trunk|HEAD)\/?$)|codeload\.github\.com\/[^/]+\/[^/]+\/(tar\.gz|zip)\/(refs\/heads\/.+|main|master|develop|trunk|HEAD)$|gitlab\.com\/.+\/-\/archive\/(main|master|develop|trunk|HEAD)\/.+)/i;

export default defineDockerfileRule({
  meta: {
    id: 'codebase/git-clone-in-build',
    factor: 'codebase',
    defaultSeverity: 'warning',
    description: 'Source code is fetched from a repository branch during the build instead of coming from the build context.',
    rationale: [
      'A twelve-factor build turns one commit of one codebase into one artefact. A `git clone` (or `ADD <repo>.git`, or a',
      'branch-head archive download) inside the Dockerfile pulls whatever the branch points to at build time, so two builds',
      'of the same Dockerfile can ship different code and the image no longer says which commit it came from.',
      '',
      'Build from the checked-out repository as the build context (`COPY . .`). If you really depend on another',
      "repository's sources, treat them as a dependency: pin a tag or commit (`--branch v1.2.3`, `git checkout <sha>`,",
      '`ADD https://…/repo.git#v1.2.3`) or consume a released package. Pinned fetches are not reported: a release tag',
      '(`v1.2.3`, or named after its project: `go1.22.1`, `llvmorg-18.1.8`) or a commit, checked out after the clone',
      '(`git -C src checkout 3f2a9c1`) or given to `--branch`. A ref written with a variable is judged by its value',
      'where the Dockerfile gives one (`ARG UCX_VERSION=1.11.2` … `--branch v${UCX_VERSION}`) and not reported where it',
      'does not (a build argument without a default). A release branch (`release-1.2`, `stable-5.10`) is still a branch.',
    ].join('\n'),
    messages: {
      clone: '`git clone` fetches {{what}} at build time; build from the context (COPY) or pin a tag/commit.',
      addGit: 'ADD fetches the repository {{what}} at build time; build from the context or pin it with `#<tag or commit>`.',
      archive: 'This downloads a branch snapshot ({{what}}), which changes under you; use the build context or a tagged release.',
    },
  },
  check({ model, report }) {
    let expansions = 0;
    for (const instruction of model.instructions) {
      const keyword = instruction.getKeyword();
      if (keyword === 'RUN') checkRun(instruction);
      else if (keyword === 'ADD') {
        const sources = copyPaths(model, instruction).sources;
        for (const source of sources) {
          if (!GIT_URL.test(source.value)) {
            if (BRANCH_ARCHIVE.test(source.value)) report({ messageId: 'archive', data: { what: shorten(source.value) }, range: source.range });
            continue;
          }
          const ref = source.value.includes('#') ? source.value.slice(source.value.indexOf('#') + 1).split(':')[0] : '';
          if (pinned(instruction, ref) || flagOf(instruction, 'checksum')) continue;
          report({ messageId: 'addGit', data: { what: ref ? `at branch ${ref}` : 'at its default branch' }, range: source.range });
        }
      }
    }

    /**
     * True when `ref` is pinned, or names a variable whose value is not known here (`--branch "$VERSION"` with a
     * build argument without a default, or a shell variable): an unknown value is not a finding. A variable with
     * a known value (`ARG UCX_VERSION=1.11.2` … `--branch v${UCX_VERSION}`) is judged by that value.
     */
    function pinned(instruction: Instruction, ref: string): boolean {
      if (!hasReference(ref)) return isPinnedRef(ref);
      const expanded = model.expand(ref, variablesAt(model, instruction));
      return expanded === undefined || isPinnedRef(expanded);
    }

    function checkRun(instruction: Instruction) {
      const commands = model.commandLine(instruction)?.commands ?? [];
      commands.forEach((command, index) => {
        const words = effectiveWords(command);
        const program = programOf(words);
        if (program === 'git') {
          const vi = gitVerbIndex(words);
          if (vi < 0 || words[vi].value !== 'clone') return;
          const args = words.slice(vi + 1);
          let branch: string | undefined;
          let url: string | undefined;
          for (let i = 0; i < args.length; i++) {
            const v = args[i].value;
            if (v === '--branch' || v === '-b') branch = args[++i]?.value;
            else if (v.startsWith('--branch=')) branch = v.slice(9);
            else if (['--depth', '-o', '--origin', '-c', '--config', '--reference', '--separate-git-dir', '-j', '--jobs', '--filter', '--shallow-since'].includes(v)) i++;
            else if (!v.startsWith('-') && url === undefined) url = v;
          }
          if (branch && pinned(instruction, branch)) return;
          // `git clone … && cd x && git checkout <sha>` (or `git reset --hard <sha>`) pins it too.
          const pinnedLater = commands.slice(index + 1).some((c) => {
            const w = effectiveWords(c);
            if (programOf(w) !== 'git') return false;
            const vj = gitVerbIndex(w);
            const verb = w[vj]?.value;
            if (verb !== 'checkout' && verb !== 'reset' && verb !== 'switch') return false;
            return w.slice(vj + 1).some((x) => !x.value.startsWith('-') && pinned(instruction, x.value));
          });
          if (pinnedLater) return;
          const what = url ? shorten(url) + (branch ? ` (branch ${branch})` : '') : 'a repository';
          report({ messageId: 'clone', data: { what }, range: spanOf(words[0], words[vi]) });
        } else if (program === 'curl' || program === 'wget') {
          // A URL held in a build variable is read with its value (`wget -O - "${URL}"`, URL from ARG defaults), for a
          // bounded number of downloads per file: each stage's variables are read through the ENV lines of the stages it
          // is built FROM, and a long FROM chain of stages that each download would read those again and again.
          let values: Variables | undefined;
          for (const w of words.slice(1)) {
            let url: string | undefined = w.value;
            if (soleReference(w.value) !== undefined && expansions < MAX_EXPANDED_DOWNLOADS) {
              if (!values) expansions++;
              url = model.expand(w.value, (values ??= variablesAt(model, instruction)));
            }
            if (url !== undefined && BRANCH_ARCHIVE.test(url)) report({ messageId: 'archive', data: { what: shorten(url) }, range: w.range });
          }
        }
      });
    }
  },
});

function shorten(url: string): string {
  const clean = url.replace(/\/\/[^@/]*@/, '//');
  return clean.length > 70 ? `${clean.slice(0, 67)}...` : clean;
}
