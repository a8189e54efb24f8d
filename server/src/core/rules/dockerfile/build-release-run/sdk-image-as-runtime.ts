import { defineDockerfileRule } from '../../../rule';
import { shortImageName } from '../../../dockerfile/backing-services';
import { rootImage } from '../../../dockerfile/instructions';
import { imagePurpose } from '../../../dockerfile/start-command';

/** Official build images and the runtime image to use instead. */
const SDK_IMAGES: { pattern: RegExp; instead: string }[] = [
  { pattern: /^mcr\.microsoft\.com\/dotnet\/sdk$/, instead: 'mcr.microsoft.com/dotnet/aspnet or runtime' },
  { pattern: /^golang$/, instead: 'gcr.io/distroless/static, alpine or scratch' },
  { pattern: /^rust$/, instead: 'debian:*-slim or gcr.io/distroless/cc' },
  { pattern: /^maven$/, instead: 'eclipse-temurin:*-jre' },
  { pattern: /^gradle$/, instead: 'eclipse-temurin:*-jre' },
];

export default defineDockerfileRule({
  meta: {
    id: 'build-release-run/sdk-image-as-runtime',
    factor: 'build-release-run',
    defaultSeverity: 'info',
    description: 'The final stage runs on an SDK/build image (`dotnet/sdk`, `golang`, `rust`, `maven`, `gradle`).',
    rationale: [
      'Build images exist to turn code into an artefact: they carry compilers, package caches and build tools. Running',
      'the release on one of them ships the whole build stage to production, makes the image several times larger, and',
      'keeps the door open to building at run time.',
      '',
      'Use a multi-stage build: compile in `FROM golang:1.22 AS build` (or `dotnet/sdk`, `maven`…), then copy the output',
      'into a runtime image such as `dotnet/aspnet`, `eclipse-temurin:*-jre`, distroless or `alpine`. Builder stages are',
      'not judged, and neither are images that are not application runtimes: ones that start nothing of their own',
      '(base and toolbox images) or run a build or code-generation tool (`make`, `protoc`, `buf`, `go generate`).',
    ].join('\n'),
    messages: {
      sdk: 'The runtime image is built on the build image `{{image}}`; compile in a builder stage and run on {{instead}}.',
    },
  },
  check({ model, report }) {
    const stage = model.finalStage;
    const image = rootImage(stage);
    if (!stage || !image?.name) return;
    const sdk = SDK_IMAGES.find((s) => s.pattern.test(shortImageName(image.name!)));
    if (!sdk || imagePurpose(model, stage) !== 'app') return;
    // Report where the final stage says FROM; an inherited base is named in the message.
    report({ messageId: 'sdk', data: { image: image.expanded ?? image.name, instead: sdk.instead }, range: stage.image.range });
  },
});
