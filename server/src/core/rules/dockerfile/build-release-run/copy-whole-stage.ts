import { defineDockerfileRule } from '../../../rule';
import { copyPaths, flagOf, rootImage } from '../../../dockerfile/instructions';

export default defineDockerfileRule({
  meta: {
    id: 'build-release-run/copy-whole-stage',
    factor: 'build-release-run',
    defaultSeverity: 'warning',
    description: 'The final stage copies the whole file system of a build stage (`COPY --from=build / /`).',
    rationale: [
      'A multi-stage build separates the build (compilers, caches, sources) from the release artefact. Copying `/` of',
      'a build stage into the runtime image undoes that split: the toolchain, package caches, sources and any',
      'credentials the build used ship with every release, and the image no longer says what the app needs to run.',
      '',
      'Copy the artefacts by path (`COPY --from=build /app/dist /app`). Not reported: stages built `FROM scratch` (an',
      'export stage holding only artefacts is meant to be copied whole) and copies into stages that are not the final',
      'one. Corresponds to hadolint DL3067\'s intent.',
    ].join('\n'),
    messages: {
      whole: '`COPY --from={{stage}} /` copies the whole build stage (toolchain, caches, sources) into the runtime image; copy the artefacts by path.',
    },
    anchors: [{ tool: 'hadolint', id: 'DL3067' }],
  },
  check({ model, report }) {
    const final = model.finalStage;
    if (!final) return;
    for (const instruction of final.instructions) {
      if (instruction.getKeyword() !== 'COPY') continue;
      const from = flagOf(instruction, 'from')?.getValue();
      if (!from) continue;
      const source = model.stageByReference(from);
      if (!source || source.index >= final.index) continue;
      if (rootImage(source)?.name?.toLowerCase() === 'scratch') continue;
      const { sources } = copyPaths(model, instruction);
      const whole = sources.find((s) => /^\/+\.?$/.test(s.value));
      if (whole) report({ messageId: 'whole', data: { stage: from }, range: whole.range });
    }
  },
});
