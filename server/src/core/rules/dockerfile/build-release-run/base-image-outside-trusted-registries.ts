import { defineDockerfileRule } from '../../../rule';
import { pulledBaseImages } from '../../../dockerfile/base-images';
import { isTrustedRepository } from '../../../registries';

export default defineDockerfileRule({
  meta: {
    id: 'build-release-run/base-image-outside-trusted-registries',
    factor: 'build-release-run',
    defaultSeverity: 'warning',
    description: 'A base image comes from a registry outside the `trustedRegistries` allow-list of the configuration file.',
    rationale: [
      'What a build starts from is part of the release. When a team keeps an allow-list of registries (its own, and',
      'the mirrors it vets), a base image from anywhere else escapes the scanning and retention the others get, and',
      'can vanish or change under the build.',
      '',
      'The rule runs only when the configuration file lists `trustedRegistries` (see',
      '`build-release-run/image-outside-trusted-registries` for the format: hosts, whole-segment prefixes, `*.host`',
      'suffixes; `node` is read as `docker.io/library/node`). Corresponds to hadolint DL3026.',
      '',
      'Not reported: anything when the configuration has no `trustedRegistries`; `scratch`; `FROM` lines naming an',
      'earlier build stage; images that stay unknown after `ARG` defaults are expanded.',
    ].join('\n'),
    messages: {
      untrusted: 'Base image `{{image}}` comes from outside the trusted registries of the configuration; build from an image in one of them.',
    },
    hadolint: ['DL3026'],
  },
  check({ model, configuration, report }) {
    const trusted = configuration.trustedRegistries;
    if (!trusted || trusted.length === 0) return;
    for (const image of pulledBaseImages(model)) {
      if (!isTrustedRepository(image.name!, trusted)) report({ messageId: 'untrusted', data: { image: image.expanded! }, range: image.range });
    }
  },
});
