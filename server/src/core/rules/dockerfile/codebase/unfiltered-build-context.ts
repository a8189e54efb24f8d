import { defineDockerfileRule } from '../../../rule';
import type { RelatedLocation } from '../../../types';
import { flagOf } from '../../../dockerfile/instructions';
import { LOCAL_ENV_FILES, isIgnored, parseDockerignore, wholeContextCopiesInImage } from '../../../build-context';

export default defineDockerfileRule({
  meta: {
    id: 'codebase/unfiltered-build-context',
    factor: 'codebase',
    defaultSeverity: 'warning',
    description: 'The whole build context is copied into the final image (`COPY . .`) with no `.dockerignore`, or with one that lets `.git` or `.env` files through.',
    rationale: [
      'A release should be the build of one commit of the codebase. `COPY . .` copies the folder it is built from, as it',
      'is on that machine: the repository metadata (`.git`), local settings and secrets in `.env` files that are not part',
      'of the codebase at all, and whatever else lies around. The image then depends on whose checkout built it, and can',
      'carry config that belongs in the environment.',
      '',
      'Add a `.dockerignore` at the root of the build context (BuildKit also reads `<Dockerfile name>.dockerignore` beside the Dockerfile) that leaves out',
      '`.git` and `.env*`, or copy only what the image needs. Where the context holds a `.env` or `.env.local` (a',
      'committed one, or the checkout\'s own), the message names it. This is the check hadolint discusses as issue 1199 and the',
      'reason for BuildKit\'s CopyIgnoredFile check.',
      '',
      'Not reported: when the caller did not read the build context (the rule needs the CLI or the editor, which take the',
      'context a Compose file of the repository builds the Dockerfile from (`build: {context: .., dockerfile: …}`), else the',
      'Dockerfile\'s folder as the context unless it holds nothing but Dockerfiles and notes, or the nearest folder above it, up to four levels and never above a repository',
      'root, from which the Dockerfile copies files of its own folder, as in `COPY ./src/api/ ./` for `src/api/Dockerfile`;',
      'the context is unknown when no such folder holds every file the Dockerfile copies by name); copies in build stages',
      'the final image does not inherit from, unless it copies the folder the context went to (`COPY . /app` in the',
      'builder, then `COPY --from=builder /app /app`, or through one stage more: reported on the builder\'s copy, with the final stage\'s as a',
      'related location; a copy of what was built there, `COPY --from=builder /app/dist ./`, is not); copies of named',
      'files or folders;',
      'copies with their own `--exclude` flags;',
      'and `.dockerignore` files that exclude `.env` and `.env.local` (`.env.local` only when the context holds one, where',
      'the caller says), and `.git` when the context folder holds one',
      '(directly, by a wider pattern, or by excluding everything and listing what to keep). A context folder without',
      '`.git` (a folder of a larger repository) is not asked to exclude it.',
    ].join('\n'),
    messages: {
      noIgnore: '`{{source}}` copies the whole build context and there is no .dockerignore, so any local `.env` file on the building machine goes into the image; add a .dockerignore that excludes `.env*`.',
      noIgnoreGit: '`{{source}}` copies the whole build context and there is no .dockerignore, so `.git` (and any local `.env` file on the building machine) goes into the image; add a .dockerignore that excludes them.',
      noIgnoreHeld: '`{{source}}` copies the whole build context and there is no .dockerignore, so {{held}} {{goes}} into the image{{git}}; add a .dockerignore that excludes `.env*`{{gitToo}}.',
      leaks: '`{{source}}` copies the whole build context, and the .dockerignore does not exclude {{names}}; add {{them}} to the .dockerignore.',
      leaksHeld: '`{{source}}` copies the whole build context, and the .dockerignore does not exclude {{names}}, so {{held}} {{goes}} into the image; add {{them}} to the .dockerignore.',
    },
    anchors: [{ tool: 'hadolint', id: '#1199' }, { tool: 'BuildKit', id: 'CopyIgnoredFile' }],
  },
  check({ model, report, buildContext }) {
    const dockerignore = buildContext?.dockerignore;
    if (dockerignore === undefined) return;
    let missing: string[] | undefined;
    const related: RelatedLocation[] = [];
    if (dockerignore !== null) {
      const patterns = parseDockerignore(dockerignore);
      // `.env.local` is the convention of some stacks only (Next.js, Vite, dotenv-flow): asked for when the context
      // holds one, or when whether it does is not known.
      const envFiles = LOCAL_ENV_FILES.filter((name) => name === '.env' || buildContext?.present?.[name] !== false);
      const guarded = buildContext?.hasGit ? ['.git', ...envFiles] : envFiles;
      missing = guarded.filter((name) => !isIgnored(patterns, name));
      if (missing.length === 0) return;
      if (buildContext?.dockerignoreUri) related.push({ uri: buildContext.dockerignoreUri, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, message: 'The .dockerignore that applies to this Dockerfile.' });
    }
    for (const { instruction, source, carriedBy } of wholeContextCopiesInImage(model)) {
      // `COPY --exclude=…` (Dockerfile 1.7) filters the copy itself: judged by its author, not here.
      if (flagOf(instruction, 'exclude')) continue;
      const carried = carriedBy ? [...related, { uri: model.source.uri, range: carriedBy.getRange(), message: 'The final image copies the folder the context went to.' }] : related;
      // The environment files the caller found in the context (asked by contextFilesWanted), named as they are.
      const found = LOCAL_ENV_FILES.filter((name) => buildContext?.present?.[name] === true && (!missing || missing.includes(name)));
      const held = { held: `the context's ${found.map((n) => `\`${n}\``).join(' and ')}`, goes: found.length === 1 ? 'goes' : 'go' };
      if (!missing) {
        const git = buildContext?.hasGit ? { git: ' along with `.git`', gitToo: ' and `.git`' } : { git: '', gitToo: '' };
        if (found.length > 0) report({ messageId: 'noIgnoreHeld', data: { source: source.value, ...held, ...git }, range: source.range, related: carriedBy ? carried : undefined });
        else report({ messageId: buildContext?.hasGit ? 'noIgnoreGit' : 'noIgnore', data: { source: source.value }, range: source.range, related: carriedBy ? carried : undefined });
      } else {
        const names = { source: source.value, names: missing.map((n) => `\`${n}\``).join(', '), them: missing.length === 1 ? 'it' : 'them' };
        report({ messageId: found.length > 0 ? 'leaksHeld' : 'leaks', data: found.length > 0 ? { ...names, ...held } : names, range: source.range, related: carried });
      }
    }
  },
});
