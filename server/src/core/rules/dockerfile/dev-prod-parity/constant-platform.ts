import { defineDockerfileRule } from '../../../rule';
import { flagOf } from '../../../dockerfile/instructions';
import type { Stage } from '../../../dockerfile/model';

/** The build machine's platform, exactly (`$BUILDPLATFORM`, `${BUILDPLATFORM}`). */
const BUILD_PLATFORM = /^\$(\{BUILDPLATFORM\}|BUILDPLATFORM)$/;

export default defineDockerfileRule({
  meta: {
    id: 'dev-prod-parity/constant-platform',
    factor: 'dev-prod-parity',
    defaultSeverity: 'info',
    description: '`FROM --platform=` names a fixed platform (`linux/amd64`), or the build machine\'s (`$BUILDPLATFORM`) for the image that runs.',
    rationale: [
      'Development and production should run the same thing. A base image forced to one architecture builds and runs',
      'under emulation on the other one (an arm64 laptop running amd64 through QEMU: slow, and with its own bugs), or',
      'produces an image for the wrong architecture when the build targets another platform, so the laptop and the',
      'servers no longer exercise the same binaries.',
      '',
      'Use `FROM --platform=$BUILDPLATFORM` for build stages that cross-compile, leave the flag out for the runtime',
      'stage, and build for the target platforms with `docker buildx build --platform`. `$BUILDPLATFORM` on the stage the',
      'image runs (the final stage or a stage it is built FROM) is reported too: that image holds the build machine\'s',
      'binaries whatever platform it is built for, so an arm64 server gets amd64 binaries from an amd64 CI runner. Other',
      'values built from variables are not reported, nor is `scratch` (it brings no binaries), nor, as BuildKit does, a',
      'stage whose name says its platform (`AS build_amd64`, one of a set that `FROM build_${TARGETARCH}` chooses from), nor',
      'a stage that runs nothing and only hands files on to others (its flag picks the variant pulled, often the only one).',
      'Corresponds to hadolint DL3029 and BuildKit FromPlatformFlagConstDisallowed: a `# hadolint ignore=DL3029` comment',
      'or the `# check=skip=FromPlatformFlagConstDisallowed` parser directive applies.',
    ].join('\n'),
    messages: {
      constant: '`--platform={{platform}}` fixes the architecture of this stage, so other machines emulate it or build a different image; use `$BUILDPLATFORM`/`$TARGETPLATFORM` or drop the flag.',
      buildPlatform: '`--platform={{platform}}` builds the image that runs for the build machine\'s architecture, not the target\'s; drop the flag (or use `$TARGETPLATFORM`) on this stage.',
    },
    hadolint: ['DL3029'],
    anchors: [{ tool: 'hadolint', id: 'DL3029' }, { tool: 'BuildKit', id: 'FromPlatformFlagConstDisallowed' }],
  },
  check({ model, report }) {
    // The stages whose base the running image is: the final stage and the stages it is built FROM.
    const running = new Set<Stage>();
    for (let s = model.finalStage; s && !running.has(s); s = s.parent) running.add(s);
    for (const stage of model.stages) {
      const flag = flagOf(stage.from, 'platform');
      const value = flag?.getValue();
      if (!flag || !value) continue;
      const range = flag.getValueRange() ?? flag.getRange();
      if (!value.includes('$')) {
        // A stage named after its platform (`build_amd64`, then `FROM build_${TARGETARCH}`) is one of a set, one per platform.
        const [os, arch] = value.toLowerCase().split('/');
        if (stage.name !== undefined && ((os && stage.name.includes(os)) || (arch && stage.name.includes(arch)))) continue;
        // A stage that runs nothing and is not the image's base only hands files on (`COPY --from=vault /web-vault`): the
        // flag picks which variant of the image is pulled, often the only one published, and nothing is emulated.
        if (!running.has(stage) && !stage.instructions.some((i) => i.getKeyword() === 'RUN') && !model.stages.some((s) => s.parent === stage)) continue;
        report({ messageId: 'constant', data: { platform: value }, range });
      }
      else if (BUILD_PLATFORM.test(value) && running.has(stage) && stage.image.name?.toLowerCase() !== 'scratch') report({ messageId: 'buildPlatform', data: { platform: value }, range });
    }
  },
});
