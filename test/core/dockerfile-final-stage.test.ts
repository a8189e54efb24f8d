// Which stage the Dockerfile model judges as the image that runs (DockerfileModel.finalStage).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SourceText } from '../../server/src/core/source';
import { DockerfileModel } from '../../server/src/core/dockerfile/model';

const finalOf = (text: string) => new DockerfileModel(new SourceText('file:///p/Dockerfile', text, 'dockerfile')).finalStage?.name;

describe('DockerfileModel.finalStage', () => {
  it('is the last stage', () => {
    assert.equal(finalOf('FROM golang:1.23 AS build\nRUN go build\nFROM alpine:3.20 AS app\nCMD ["/app"]\n'), 'app');
    assert.equal(finalOf('FROM alpine:3.20\nCMD ["/app"]\n'), undefined);
  });

  it('is the stage named as the release when a development or test stage comes last (forem, Jaeger)', () => {
    const forem = 'FROM ruby:3.3 AS builder\nFROM ruby:3.3-slim AS production\nCMD ["rails", "server"]\nFROM builder AS testing\nFROM builder AS development\n';
    assert.equal(finalOf(forem), 'production');
    assert.equal(finalOf('FROM alpine:3.20 AS release\nFROM release AS debug\n'), 'release');
    assert.equal(finalOf('FROM node:20 AS deps\nFROM node:20-slim AS runtime\nFROM deps AS test\n'), 'runtime');
    assert.equal(finalOf('FROM node:20 AS prod-image\nFROM node:20 AS Dev\n'), 'prod-image');
  });

  it('stays the last stage when no earlier stage is named as the release', () => {
    assert.equal(finalOf('FROM node:20 AS deps\nFROM deps AS build\nFROM build AS dev\n'), 'dev');
    // A stage named as the release but for development is no release (`release-debug`).
    assert.equal(finalOf('FROM node:20 AS release-debug\nFROM node:20 AS dev\n'), 'dev');
    // The last stage named as the release is not replaced, whatever comes before it.
    assert.equal(finalOf('FROM node:20 AS development\nFROM node:20 AS production\n'), 'production');
  });
});
