import { defineDockerfileRule } from '../../../rule';
import { pulledBaseImages } from '../../../dockerfile/base-images';

export default defineDockerfileRule({
  meta: {
    id: 'build-release-run/base-image-not-pinned-by-digest',
    factor: 'build-release-run',
    defaultSeverity: 'info',
    offByDefault:
      'a version tag is enough for most teams (dependencies/unpinned-base-image reports missing and `latest` tags), and digest pins need a bot to keep them current; turn this on where builds must be reproducible byte for byte.',
    description: 'A base image is referenced by tag only, not by digest (`@sha256:…`), so a rebuild may start from different bytes.',
    rationale: [
      'A version tag such as `python:3.12-slim` is re-pushed with every security update, so the same commit built',
      'twice can start from different images. Pinning `python:3.12-slim@sha256:…` makes the build reproducible and',
      'the change reviewable; a dependency bot then proposes new digests. Off by default: it is a policy choice.',
      'Corresponds to Checkov CKV_K8S_43 (for pods) and to the digest advice of hadolint DL3006/DL3007.',
      '',
      'Not reported: base images pinned by digest; `scratch`; `FROM` lines naming an earlier build stage; images that',
      'stay unknown after `ARG` defaults are expanded.',
    ].join('\n'),
    messages: {
      tagOnly: 'Base image `{{image}}` is referenced by tag, not by digest; pin it as `…@sha256:<digest>` so a rebuild starts from the same bytes.',
    },
    anchors: [{ tool: 'Checkov', id: 'CKV_K8S_43' }],
  },
  check({ model, report }) {
    for (const image of pulledBaseImages(model)) {
      if (!image.digest) report({ messageId: 'tagOnly', data: { image: image.expanded! }, range: image.range });
    }
  },
});
