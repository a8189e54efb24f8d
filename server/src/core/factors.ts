/**
 * The twelve factors as data. Explanations are written in our own words; the
 * methodology itself is at https://12factor.net (original text MIT-licensed).
 */
import type { FactorSlug } from './types';

export interface Factor {
  number: number;
  /** Roman numeral as the methodology numbers them. */
  numeral: string;
  slug: FactorSlug;
  title: string;
  /** The one-line summary of the factor, in our words. */
  summary: string;
  url: string;
  /** Three to six sentences: what the factor means and why it matters for cloud-native software. */
  explanation: string;
  /** What the factor asks of a container image (Dockerfile). */
  inImage: string;
  /** What the factor asks of a Kubernetes object. */
  inKubernetes: string;
}

const BASE_URL = 'https://12factor.net/';

function factor(number: number, numeral: string, slug: FactorSlug, title: string, summary: string, explanation: string, inImage: string, inKubernetes: string): Factor {
  return { number, numeral, slug, title, summary, url: BASE_URL + slug, explanation, inImage, inKubernetes };
}

export const FACTORS: readonly Factor[] = [
  factor(1, 'I', 'codebase', 'Codebase', 'TODO', 'TODO', 'TODO', 'TODO'),
  factor(2, 'II', 'dependencies', 'Dependencies', 'TODO', 'TODO', 'TODO', 'TODO'),
  factor(3, 'III', 'config', 'Config', 'TODO', 'TODO', 'TODO', 'TODO'),
  factor(4, 'IV', 'backing-services', 'Backing services', 'TODO', 'TODO', 'TODO', 'TODO'),
  factor(5, 'V', 'build-release-run', 'Build, release, run', 'TODO', 'TODO', 'TODO', 'TODO'),
  factor(6, 'VI', 'processes', 'Processes', 'TODO', 'TODO', 'TODO', 'TODO'),
  factor(7, 'VII', 'port-binding', 'Port binding', 'TODO', 'TODO', 'TODO', 'TODO'),
  factor(8, 'VIII', 'concurrency', 'Concurrency', 'TODO', 'TODO', 'TODO', 'TODO'),
  factor(9, 'IX', 'disposability', 'Disposability', 'TODO', 'TODO', 'TODO', 'TODO'),
  factor(10, 'X', 'dev-prod-parity', 'Dev/prod parity', 'TODO', 'TODO', 'TODO', 'TODO'),
  factor(11, 'XI', 'logs', 'Logs', 'TODO', 'TODO', 'TODO', 'TODO'),
  factor(12, 'XII', 'admin-processes', 'Admin processes', 'TODO', 'TODO', 'TODO', 'TODO'),
];

const BY_SLUG = new Map(FACTORS.map((f) => [f.slug, f]));

export function factorBySlug(slug: FactorSlug): Factor {
  const found = BY_SLUG.get(slug);
  if (!found) throw new Error(`unknown factor ${slug}`);
  return found;
}
