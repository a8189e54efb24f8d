import type { Copy } from 'dockerfile-ast';
import { defineDockerfileRule } from '../../../rule';
import type { DockerfileModel, Stage } from '../../../dockerfile/model';
import { baseImageOf, officialName, variablesOf } from '../../../dockerfile/start-command';
import { isAlpineImage } from '../../../dockerfile/base-images';

type Libc = 'glibc' | 'musl';

const GLIBC_IMAGES = /^(debian|ubuntu|centos|fedora|rockylinux|almalinux|amazonlinux|oraclelinux|archlinux|opensuse\/.*|redhat\/ubi\d.*|registry\.access\.redhat\.com\/ubi\d.*|gcr\.io\/distroless\/(base|cc|java\d*|nodejs\d*|python3)(-debian\d+)?|golang|node|python|rust|ruby|eclipse-temurin|amazoncorretto|openjdk|buildpack-deps|(cgr\.dev\/)?chainguard\/.*|(?=.*wolfi).*)$/;

/** The C library of an image when it can be told from its name and tag. */
function libcOf(name: string, tag: string): Libc | undefined {
  const n = officialName(name);
  if (isAlpineImage(n, tag) || /alpine/.test(n)) return 'musl';
  if (/^gcr\.io\/distroless\/static|^scratch$|^busybox$/.test(n)) return undefined;
  if (/(bookworm|bullseye|buster|trixie|slim|jammy|focal|noble|jessie|stretch|ubi|bionic)/.test(tag)) return GLIBC_IMAGES.test(n) || /^(debian|ubuntu)$/.test(n) ? 'glibc' : undefined;
  if (GLIBC_IMAGES.test(n)) return 'glibc';
  return undefined;
}

/** Text of every RUN and ENV of a stage (and its parents), to look for static-linking switches. */
function stageText(model: DockerfileModel, stage: Stage): string {
  return model.inheritedInstructions(stage).filter((i) => ['RUN', 'ENV', 'ARG'].includes(i.getKeyword())).map((i) => i.getRawArgumentsContent() ?? '').join('\n');
}

/** What is copied, and whether it depends on the builder's libc. */
function libcDependentArtefact(model: DockerfileModel, source: Stage, image: string, paths: string[], from: Libc): string | undefined {
  const text = stageText(model, source);
  const env = variablesOf(model, source);
  if (image === 'golang' || /golang/.test(image)) {
    // Built through another tool (`make cli-linux-server`, `goreleaser`, a script), the linking is that tool's: not known here.
    if (!/\bgo\s+(build|install)\b/.test(text)) return undefined;
    const cgoOff = env.get('CGO_ENABLED') === '0' || /CGO_ENABLED=0/.test(text) || /-extldflags[ =]['"]?-static|-tags[ =]['"]?[^'"\s]*netgo/.test(text);
    if (from === 'glibc' && !cgoOff) return 'a Go binary built with cgo (CGO_ENABLED is not 0)';
    if (from === 'musl' && (env.get('CGO_ENABLED') === '1' || /CGO_ENABLED=1/.test(text))) return 'a Go binary built with cgo against musl';
    return undefined;
  }
  if (image === 'rust' || /rust/.test(image)) {
    if (!/\bcargo\s+(build|install|zigbuild)\b/.test(text)) return undefined;
    if (from === 'glibc' && !/musl/.test(text) && !/crt-static/.test(text)) return 'a Rust binary linked against glibc';
    return undefined;
  }
  if (image === 'node' || /node/.test(image)) {
    if (paths.some((p) => /node_modules/.test(p))) return '`node_modules` (native add-ons are built for one libc)';
    return undefined;
  }
  if (image === 'python' || /python/.test(image)) {
    if (paths.some((p) => /venv|site-packages|\.local|wheels?\b|dist-packages/.test(p))) return 'Python packages (compiled wheels are built for one libc)';
    return undefined;
  }
  return undefined;
}

export default defineDockerfileRule({
  meta: {
    id: 'dev-prod-parity/libc-mismatch',
    factor: 'dev-prod-parity',
    defaultSeverity: 'warning',
    description: 'A binary or native dependencies built on glibc are copied into a musl (Alpine) final stage, or the other way round.',
    rationale: [
      'A multi-stage build is only as good as the match between its stages. A Go binary built with cgo, a Rust binary,',
      'native Node add-ons or Python wheels compiled on a Debian-based builder link against glibc; copied into an Alpine',
      'image (musl) they fail at start with "not found" or crash later in rarely used code paths. The image that was',
      'built and tested is then not the one that runs.',
      '',
      'Build and run on the same libc family (`golang:1.22-alpine` with `alpine`, `node:20` with `node:20-slim`), or',
      'produce a static binary (`CGO_ENABLED=0`, a `*-linux-musl` Rust target).',
      '',
      'Not reported: final images whose C library cannot be told from their name and tag (scratch, busybox, static',
      'distroless, custom bases); copies from an image rather than a build stage; builder stages on the same C library;',
      'Go binaries built with `CGO_ENABLED=0`, `-static` or `netgo`; Rust binaries built for musl or with `crt-static`;',
      'Go and Rust binaries built through another tool (`make`, `goreleaser`, a script), whose linking the Dockerfile does not show;',
      'Node.js copies without `node_modules`; Python copies without a virtualenv, site-packages or wheels; and other',
      'languages.',
    ].join('\n'),
    messages: {
      mismatch: 'Copies {{what}} from a {{from}} stage ({{fromImage}}) into a {{to}} image ({{toImage}}); build and run on the same libc or link statically.',
    },
  },
  check({ model, report }) {
    const final = model.finalStage;
    if (!final) return;
    const target = baseImageOf(final);
    if (!target) return;
    const to = libcOf(target.name, target.tag);
    if (!to) return;
    for (const instruction of final.instructions) {
      if (instruction.getKeyword() !== 'COPY') continue;
      // getFromFlag() only looks at the first flag; `COPY --link --from=x` needs the search.
      const flag = (instruction as Copy).getFlags().find((f) => f.getName().toLowerCase() === 'from');
      const reference = flag?.getValue();
      if (!flag || !reference) continue;
      const stage = model.stageByReference(reference);
      if (!stage || stage === final) continue;
      const source = baseImageOf(stage);
      if (!source) continue;
      const from = libcOf(source.name, source.tag);
      if (!from || from === to) continue;
      const paths = instruction.getArguments().map((a) => a.getValue()).slice(0, -1);
      const what = libcDependentArtefact(model, stage, officialName(source.name), paths, from);
      if (!what) continue;
      report({ messageId: 'mismatch', data: { what, from, fromImage: source.full, to, toImage: target.full }, range: flag.getValueRange() ?? flag.getRange() });
    }
  },
});
