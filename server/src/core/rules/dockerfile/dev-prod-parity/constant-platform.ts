import { defineDockerfileRule } from '../../../rule';
import { flagOf } from '../../../dockerfile/instructions';

export default defineDockerfileRule({
  meta: {
    id: 'dev-prod-parity/constant-platform',
    factor: 'dev-prod-parity',
    defaultSeverity: 'info',
    description: '`FROM --platform=` names a fixed platform (`linux/amd64`) instead of `$BUILDPLATFORM` or `$TARGETPLATFORM`.',
    rationale: [
      'Development and production should run the same thing. A base image forced to one architecture builds and runs',
      'under emulation on the other one (an arm64 laptop running amd64 through QEMU: slow, and with its own bugs), or',
      'produces an image for the wrong architecture when the build targets another platform, so the laptop and the',
      'servers no longer exercise the same binaries.',
      '',
      'Use `FROM --platform=$BUILDPLATFORM` for build stages that cross-compile, leave the flag out for the runtime',
      'stage, and build for the target platforms with `docker buildx build --platform`. Values built from variables are',
      'not reported. Corresponds to hadolint DL3029 (its ignore comment applies) and BuildKit FromPlatformFlagConstDisallowed.',
    ].join('\n'),
    messages: {
      constant: '`--platform={{platform}}` fixes the architecture of this stage, so other machines emulate it or build a different image; use `$BUILDPLATFORM`/`$TARGETPLATFORM` or drop the flag.',
    },
    hadolint: ['DL3029'],
    anchors: [{ tool: 'hadolint', id: 'DL3029' }, { tool: 'BuildKit', id: 'FromPlatformFlagConstDisallowed' }],
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      const flag = flagOf(stage.from, 'platform');
      const value = flag?.getValue();
      if (!flag || !value || value.includes('$')) continue;
      report({ messageId: 'constant', data: { platform: value }, range: flag.getValueRange() ?? flag.getRange() });
    }
  },
});
