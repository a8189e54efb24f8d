import { defineDockerfileRule } from '../../../rule';
import { isLogicalImageName, isMovingTagOf, parseImageReference } from '../../../kubernetes/images';
import { ENV_TAG } from '../../../dockerfile/literal-values';
import { flagOf } from '../../../dockerfile/instructions';
import type { Range, Report } from '../../../types';
import type { SourceText } from '../../../source';

export default defineDockerfileRule({
  meta: {
    id: 'dependencies/unpinned-base-image',
    factor: 'dependencies',
    defaultSeverity: 'warning',
    description: 'A base image, or an image a `COPY --from` takes files from, is referenced without a tag or with `latest`, so the build depends on whatever it points to today.',
    rationale: [
      'The base image is the largest dependency of an image. Without a tag Docker uses `latest`, and `latest` moves:',
      'the same Dockerfile built next month brings a different OS, runtime and libraries, and a rebuild of an old release',
      'is no longer that release.',
      '',
      'Declare the version explicitly (`node:20.15-bookworm-slim`), or pin the digest (`@sha256:…`) for fully',
      'reproducible builds and let a bot propose updates. `scratch` and references to earlier build stages are fine;',
      'images built from `ARG` values are judged after expanding their defaults. Branch and channel tags (`main`, `lts`,',
      '`edge`, `nightly`, `next`), the same built on a variant (`lts-alpine`, `current-bookworm-slim`) and variants',
      'without a version (`alpine`, `slim`, and on an image that is no distribution\'s own `bullseye-slim` or `bookworm`) move like `latest` and are reported',
      'too, as for a manifest\'s images; a tag naming an environment (`staging`, `testing`) is left to',
      '`build-release-run/environment-specific-image`. An image that `COPY --from=<image>` takes files from',
      '(`COPY --from=gloursdocker/docker / /`) is a dependency of the build in the same way and is judged alike.',
      'Honours `# hadolint ignore=DL3006` and `# hadolint ignore=DL3007`. Images published without version tags (Google\'s',
      '`gcr.io/distroless/…`, whose runtime\'s version is in the name) take a digest only, and the message says so.',
      '',
      'Not reported: base images pinned by digest, `scratch`, `FROM` lines and `COPY --from` that name a build stage, image',
      'references that stay unresolved after `ARG` defaults are expanded, and single-word names that no registry resolves',
      '(not an official Docker Hub image nor a Podman short name: `openmpi`, `rust-x86_64-unknown-linux-gnu`): those are',
      'images the project builds itself from another Dockerfile, which is checked on its own.',
    ].join('\n'),
    messages: {
      untagged: '`{{image}}` has no tag, so it means `latest` and changes over time; pin a version tag (or a digest).',
      latest: '`{{image}}` uses the moving `latest` tag; pin a version tag (or a digest).',
      moving: '`{{image}}` uses the moving tag `{{tag}}`, which follows a branch, a channel or the newest release; pin a version tag (or a digest).',
      digestOnly: '`{{image}}` {{how}}, so it changes over time; this image is published without version tags, so pin a digest (`@sha256:…`) and let an update bot move it.',
    },
    hadolint: ['DL3006', 'DL3007'],
  },
  check({ model, source, report }) {
    for (const stage of model.stages) {
      const image = stage.image;
      if (!image.expanded || !image.name || image.digest) continue;
      if (stage.parent || image.name.toLowerCase() === 'scratch') continue;
      // A name only a local build gives (`FROM openmpi` after `docker build -t openmpi`): its drift is its own Dockerfile's.
      if (isLogicalImageName(image.name)) continue;
      if (model.stageByReference(image.expanded) && model.stageByReference(image.expanded)!.index < stage.index) continue;
      judge(image.expanded, image.name, image.tag, image.range, source, report);
    }
    // Images a COPY takes files from are dependencies of the build too.
    for (const instruction of model.instructionsOf('COPY')) {
      const flag = flagOf(instruction, 'from');
      const value = flag?.getValue();
      const range = flag?.getValueRange();
      if (!value || !range) continue;
      const expanded = model.expand(value);
      if (!expanded || expanded.includes('$') || model.stageByReference(expanded)) continue;
      const { repository, tag, digest } = parseImageReference(expanded);
      // A single word no registry resolves is a stage defined later, a named build context or an image built elsewhere.
      if (digest || repository.toLowerCase() === 'scratch' || isLogicalImageName(repository)) continue;
      judge(expanded, repository, tag, range, source, report);
    }
  },
});

/**
 * Images published without version tags, only `latest` and variants of it (`nonroot`, `debug`): Google's distroless
 * images, whose runtime's version is in the name (`nodejs22-debian12`). A digest is the only pin they take.
 */
const NO_VERSION_TAGS = /^gcr\.io\/distroless\//i;

/** Reports `reference` (of `repository`, written at `range`) when it has no tag, `latest` or a tag that moves. */
function judge(reference: string, repository: string, tag: string | undefined, range: Range, source: SourceText, report: (report: Report) => void): void {
  const shown = reference.length > 60 ? `${reference.slice(0, 57)}...` : reference;
  const digestOnly = NO_VERSION_TAGS.test(repository);
  if (tag === undefined) {
    report({ messageId: digestOnly ? 'digestOnly' : 'untagged', data: digestOnly ? { image: shown, how: 'has no tag (it means `latest`)' } : { image: shown }, range });
  } else if (tag.toLowerCase() === 'latest' || (isMovingTagOf(repository, tag) && !ENV_TAG.test(tag))) {
    // Point at the tag itself when it is written literally.
    const raw = source.textOf(range);
    const suffix = `:${tag.toLowerCase()}`;
    const at = raw.toLowerCase().lastIndexOf(suffix);
    const tagRange = at >= 0 && !raw.slice(at).includes('$')
      ? source.rangeOf(source.offsetAt(range.start) + at + 1, source.offsetAt(range.start) + at + suffix.length)
      : range;
    const latest = tag.toLowerCase() === 'latest';
    if (digestOnly) report({ messageId: 'digestOnly', data: { image: shown, how: `uses the tag \`${tag}\`` }, range: tagRange });
    else report({ messageId: latest ? 'latest' : 'moving', data: latest ? { image: shown } : { image: shown, tag }, range: tagRange });
  }
}
