import { defineDockerfileRule } from '../../../rule';
import { shortImageName } from '../../../dockerfile/backing-services';
import { rootImage } from '../../../dockerfile/instructions';
import { imagePurpose, isDevelopmentImage, startInfo } from '../../../dockerfile/start-command';
import { devServerSpan } from '../../../dev-servers';
import type { DockerfileModel } from '../../../dockerfile/model';
import { readEntrypointScript, scriptMainCommand, type BuildContext } from '../../../build-context';

/** Official build images and the runtime image to use instead. */
const SDK_IMAGES: { pattern: RegExp; tag?: RegExp; instead: string }[] = [
  { pattern: /^mcr\.microsoft\.com\/dotnet\/sdk$/, instead: 'mcr.microsoft.com/dotnet/aspnet or runtime' },
  // .NET Core 2.1 to 3.1 (`mcr.microsoft.com/dotnet/core/sdk:3.1`), and the Docker Hub images before them (`microsoft/dotnet:2.2-sdk`).
  { pattern: /^mcr\.microsoft\.com\/dotnet\/core\/sdk$/, instead: 'mcr.microsoft.com/dotnet/core/aspnet or runtime' },
  { pattern: /^microsoft\/dotnet$/, tag: /(^|-)sdk(-|$)/, instead: 'the `aspnetcore-runtime` or `runtime` tag of the same version' },
  { pattern: /^microsoft\/aspnetcore-build$/, instead: 'microsoft/aspnetcore' },
  { pattern: /^golang$/, instead: 'gcr.io/distroless/static, alpine or scratch' },
  { pattern: /^rust$/, instead: 'debian:*-slim or gcr.io/distroless/cc' },
  { pattern: /^maven$/, instead: 'eclipse-temurin:*-jre' },
  { pattern: /^gradle$/, instead: 'eclipse-temurin:*-jre' },
  // Quarkus' builder images (Maven with GraalVM or Mandrel, for native builds).
  { pattern: /^quay\.io\/quarkus\/(centos-quarkus-maven|ubi-quarkus-native-image|ubi-quarkus-mandrel-builder-image|ubi-quarkus-graalvmce-builder-image)$/, instead: 'a runtime image (`registry.access.redhat.com/ubi9/openjdk-21-runtime`, `eclipse-temurin:*-jre`, or `quay.io/quarkus/quarkus-micro-image` for a native executable)' },
];

/**
 * OpenJDK builds whose publishers offer a JRE image beside each JDK one (`eclipse-temurin:17-jre`, `sapmachine:21-jre`,
 * `ibm-semeru-runtimes:open-17-jre`): a tag naming the JDK (`17-jdk`, `21-jdk-alpine`) runs the compiler's image.
 */
const JDK_PUBLISHERS = /^(eclipse-temurin|openjdk|adoptopenjdk|adoptopenjdk\/openjdk\d+|sapmachine|ibm-semeru-runtimes|azul\/zulu-openjdk(-alpine|-debian)?)$/;
const JDK_TAG = /(^|[-_.])jdk([-_.\d]|$)/i;
const JRE_TAG = /(^|[-_.])jre([-_.\d]|$)/i;
/** Publishers whose tags name the JDK unless they say `jre` (`eclipse-temurin:21-alpine`, `openjdk:17`, `sapmachine:21`). */
const JDK_BY_DEFAULT = /^(eclipse-temurin|openjdk|sapmachine|azul\/zulu-openjdk(-alpine|-debian)?)$/;

/** True when the tag of a JDK publisher's image names the JDK: said so, or, where that is the default, not said to be the JRE. */
function isJdkTag(repository: string, tag: string | undefined): boolean {
  if (tag !== undefined && JDK_TAG.test(tag)) return true;
  return JDK_BY_DEFAULT.test(repository) && (tag === undefined || tag === 'latest' || /^\d/.test(tag)) && !JRE_TAG.test(tag ?? '');
}

export default defineDockerfileRule({
  meta: {
    id: 'build-release-run/sdk-image-as-runtime',
    factor: 'build-release-run',
    defaultSeverity: 'info',
    description: 'The final stage runs on an SDK/build image (`dotnet/sdk`, `golang`, `rust`, `maven`, `gradle`, a JDK that runs a jar).',
    rationale: [
      'Build images exist to turn code into an artefact: they carry compilers, package caches and build tools. Running',
      'the release on one of them ships the whole build stage to production, makes the image several times larger, and',
      'keeps the door open to building at run time.',
      '',
      'Use a multi-stage build: compile in `FROM golang:1.22 AS build` (or `dotnet/sdk`, `maven`…), then copy the output',
      'into a runtime image such as `dotnet/aspnet`, `eclipse-temurin:*-jre`, distroless or `alpine`. Builder stages are',
      'not judged, and neither are images that are not application runtimes: ones that start nothing of their own',
      '(base and toolbox images) or run a build or code-generation tool (`make`, `protoc`, `buf`, `go generate`), nor',
      'development images (`dev.Dockerfile`, a last stage `AS dev`) and images that start a development server or a file',
      'watcher (`air`, `nodemon`), which need the SDK to rebuild (`dev-prod-parity/dev-server` reports such a start).',
      '',
      'A JDK image (`eclipse-temurin:17-jdk`, `openjdk:17-jdk-slim`, `sapmachine:21-jdk`, and the tags of Temurin, OpenJDK,',
      'SapMachine and Zulu that do not say `jre`, whose default is the JDK: `eclipse-temurin:21-alpine`) counts too when the final stage',
      'runs compiled code with `java` (`java -jar app.jar`), itself or as the last command of the entrypoint script when the',
      'build context holds it (`start.sh` ending in `exec java … JarLauncher`): its publisher offers a JRE image that runs the same jar. Not',
      'reported for a source-file program (`java Main.java`, which compiles at start and needs the JDK) or another start.',
    ].join('\n'),
    messages: {
      sdk: 'The runtime image is built on the build image `{{image}}`; compile in a builder stage and run on {{instead}}.',
      jdk: 'The runtime image is built on the JDK image `{{image}}`, compiler included, to run compiled code; run it on {{instead}}.',
    },
  },
  check({ model, source, report, buildContext }) {
    const stage = model.finalStage;
    const image = rootImage(stage);
    if (!stage || !image?.name) return;
    // A development image (`dev.Dockerfile`, a last stage `AS dev`) is not released; one that starts a development server
    // or a file watcher (`air`, `nodemon`) needs its SDK to rebuild, and dev-server reports that start.
    if (isDevelopmentImage(model, source.uri) || startInfo(model)?.commands.some((c) => devServerSpan(c.words.map((w) => w.value), c.program))) return;
    const short = shortImageName(image.name);
    const sdk = SDK_IMAGES.find((s) => s.pattern.test(short) && (!s.tag || s.tag.test(image.tag ?? ''))) ?? (JDK_PUBLISHERS.test(short) && runsJavaProgram(model, buildContext) && isJdkTag(short, image.tag) ? JDK : undefined);
    if (!sdk || imagePurpose(model, stage) !== 'app') return;
    // Report where the final stage says FROM; an inherited base is named in the message.
    report({ messageId: sdk === JDK ? 'jdk' : 'sdk', data: { image: image.expanded ?? image.name, instead: sdk.instead }, range: stage.image.range });
  },
});

const JDK = { instead: 'a JRE image such as `eclipse-temurin:<version>-jre`' };

/**
 * True when the image's main process is `java` running compiled code (`java -jar app.jar`, `java -cp … Main`), itself or
 * as the last command of its entrypoint script: what a JRE runs. Not a source file (`java Main.java` compiles it at start, which needs the JDK), nor a JDK tool.
 */
function runsJavaProgram(model: DockerfileModel, buildContext: BuildContext | undefined): boolean {
  const main = startInfo(model)?.main;
  // An entrypoint script read from the build context: the command it ends with (ksambhav/streaming's `start.sh`).
  const read = main?.program === 'java' ? undefined : readEntrypointScript(model, buildContext);
  const last = read ? scriptMainCommand(read) : main;
  return last?.program === 'java' && !last.words.some((w) => /\.java$/.test(w.value));
}
