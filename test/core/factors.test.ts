import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FACTORS, factorBySlug } from '../../server/src/core/factors';
import { DOCKERFILE_TOPICS, KUBERNETES_TOPICS } from '../../server/src/core/hover-topics';
import type { FactorSlug } from '../../server/src/core/types';

const SLUGS: readonly FactorSlug[] = [
  'codebase',
  'dependencies',
  'config',
  'backing-services',
  'build-release-run',
  'processes',
  'port-binding',
  'concurrency',
  'disposability',
  'dev-prod-parity',
  'logs',
  'admin-processes',
];

const NUMERALS = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];

const DOCKERFILE_INSTRUCTIONS = [
  'FROM', 'RUN', 'CMD', 'LABEL', 'MAINTAINER', 'EXPOSE', 'ENV', 'ADD', 'COPY', 'ENTRYPOINT',
  'VOLUME', 'USER', 'WORKDIR', 'ARG', 'ONBUILD', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL',
];

const KUBERNETES_KEYS = [
  'image', 'imagePullPolicy', 'env', 'envFrom', 'valueFrom', 'secretKeyRef', 'configMapKeyRef',
  'ports', 'containerPort', 'targetPort', 'hostPort', 'hostNetwork', 'replicas', 'resources',
  'requests', 'limits', 'livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle', 'preStop',
  'terminationGracePeriodSeconds', 'volumes', 'volumeMounts', 'hostPath', 'emptyDir',
  'persistentVolumeClaim', 'sessionAffinity', 'command', 'args', 'initContainers', 'schedule',
  'minReplicas', 'maxReplicas', 'metrics', 'accessModes', 'strategy', 'restartPolicy', 'data',
  'stringData', 'selector',
];

/** Well-known verbatim lines of the original 12factor.net text; our prose must not reuse them. */
const ORIGINAL_PHRASES = [
  'One codebase tracked in revision control, many deploys',
  'Explicitly declare and isolate dependencies',
  'Store config in the environment',
  'Treat backing services as attached resources',
  'Strictly separate build and run stages',
  'Execute the app as one or more stateless processes',
  'Export services via port binding',
  'Scale out via the process model',
  'Maximize robustness with fast startup and graceful shutdown',
  'Keep development, staging, and production as similar as possible',
  'Treat logs as event streams',
  'Run admin/management tasks as one-off processes',
  "started or stopped at a moment's notice",
  'processes are stateless and share-nothing',
  'makes no distinction between local and third party services',
];

/**
 * Counts sentences: code spans are removed first (they hold dots, as in
 * `org.opencontainers.image.revision`), then every `.`, `!` or `?` that ends
 * the text or is followed by whitespace closes a sentence.
 */
function countSentences(text: string): number {
  const prose = text.replace(/`[^`]*`/g, 'CODE');
  return (prose.match(/[.!?](?=\s|$)/g) ?? []).length;
}

function normalise(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ');
}

const VALID = new Set<string>(SLUGS);

describe('factors', () => {
  it('has the twelve factors numbered 1..12 with the public slugs, numerals and URLs', () => {
    assert.equal(FACTORS.length, 12);
    FACTORS.forEach((f, i) => {
      assert.equal(f.number, i + 1);
      assert.equal(f.numeral, NUMERALS[i]);
      assert.equal(f.slug, SLUGS[i]);
      assert.equal(f.url, `https://12factor.net/${SLUGS[i]}`);
      assert.ok(f.title.length > 0);
    });
  });

  it('looks factors up by slug', () => {
    for (const slug of SLUGS) assert.equal(factorBySlug(slug).slug, slug);
    assert.throws(() => factorBySlug('nope' as FactorSlug));
  });

  for (const f of FACTORS) {
    describe(`${f.numeral}. ${f.title}`, () => {
      it('has no TODO or empty field', () => {
        for (const [key, value] of Object.entries(f)) {
          if (typeof value !== 'string') continue;
          assert.ok(value.trim().length > 0, `${key} is empty`);
          assert.doesNotMatch(value, /TODO/, `${key} still has TODO`);
        }
      });

      it('has a one-line summary under 90 characters', () => {
        assert.ok(f.summary.length < 90, `${f.summary.length} chars: ${f.summary}`);
        assert.doesNotMatch(f.summary, /\n/);
      });

      it('explains itself in 3 to 6 sentences', () => {
        const n = countSentences(f.explanation);
        assert.ok(n >= 3 && n <= 6, `explanation has ${n} sentences`);
      });

      it('says what it asks of an image and of Kubernetes in 2 to 3 sentences each', () => {
        for (const key of ['inImage', 'inKubernetes'] as const) {
          const n = countSentences(f[key]);
          assert.ok(n >= 2 && n <= 3, `${key} has ${n} sentences`);
        }
      });
    });
  }

  it('summaries are all different', () => {
    assert.equal(new Set(FACTORS.map((f) => f.summary)).size, 12);
  });

  it('counts sentences sensibly', () => {
    assert.equal(countSentences('One. Two `a.b. c` here! Three?'), 3);
    assert.equal(countSentences('Node.js runs on 12factor.net. Done.'), 2);
  });
});

describe('hover topics', () => {
  it('covers every Dockerfile instruction', () => {
    for (const keyword of DOCKERFILE_INSTRUCTIONS) {
      assert.ok(DOCKERFILE_TOPICS[keyword], `missing ${keyword}`);
    }
    for (const keyword of Object.keys(DOCKERFILE_TOPICS)) {
      assert.equal(keyword, keyword.toUpperCase(), `${keyword} must be upper case`);
    }
  });

  it('covers at least 30 Kubernetes keys, including the common ones', () => {
    assert.ok(Object.keys(KUBERNETES_TOPICS).length >= 30);
    for (const key of KUBERNETES_KEYS) assert.ok(KUBERNETES_TOPICS[key], `missing ${key}`);
  });

  it('maps every topic to a valid factor with one or two sentences of text', () => {
    const all = { ...prefix('dockerfile', DOCKERFILE_TOPICS), ...prefix('kubernetes', KUBERNETES_TOPICS) };
    for (const [key, topic] of Object.entries(all)) {
      assert.ok(VALID.has(topic.factor), `${key}: unknown factor ${topic.factor}`);
      assert.doesNotMatch(topic.text, /TODO/, key);
      const n = countSentences(topic.text);
      assert.ok(n >= 1 && n <= 2, `${key}: ${n} sentences`);
    }
  });

  it('uses the factors the design names for the key instructions', () => {
    assert.equal(DOCKERFILE_TOPICS.FROM.factor, 'dependencies');
    assert.equal(DOCKERFILE_TOPICS.ENV.factor, 'config');
    assert.equal(DOCKERFILE_TOPICS.EXPOSE.factor, 'port-binding');
    assert.equal(DOCKERFILE_TOPICS.CMD.factor, 'disposability');
    assert.equal(DOCKERFILE_TOPICS.ENTRYPOINT.factor, 'disposability');
    assert.equal(DOCKERFILE_TOPICS.STOPSIGNAL.factor, 'disposability');
    assert.equal(DOCKERFILE_TOPICS.VOLUME.factor, 'processes');
    assert.equal(DOCKERFILE_TOPICS.ARG.factor, 'build-release-run');
    assert.equal(KUBERNETES_TOPICS.env.factor, 'config');
    assert.equal(KUBERNETES_TOPICS.replicas.factor, 'concurrency');
  });
});

describe('our own words', () => {
  const texts: string[] = [
    ...FACTORS.flatMap((f) => [f.summary, f.explanation, f.inImage, f.inKubernetes]),
    ...Object.values(DOCKERFILE_TOPICS).map((t) => t.text),
    ...Object.values(KUBERNETES_TOPICS).map((t) => t.text),
  ];
  const corpus = normalise(texts.join('\n'));

  for (const phrase of ORIGINAL_PHRASES) {
    it(`does not reuse "${phrase}"`, () => {
      assert.equal(corpus.includes(normalise(phrase)), false);
    });
  }
});

function prefix(name: string, topics: Readonly<Record<string, { factor: FactorSlug; text: string }>>) {
  return Object.fromEntries(Object.entries(topics).map(([k, v]) => [`${name}:${k}`, v]));
}
