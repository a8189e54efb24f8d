/** The rule registry: the single list every user of the core (engine, hover, CLI, README) reads. */
import type { Rule } from '../rule';
import { dockerfileRules } from './dockerfile';
import { kubernetesRules } from './kubernetes';
import { serverlessRules } from './serverless';

export const ALL_RULES: readonly Rule[] = [...dockerfileRules, ...kubernetesRules, ...serverlessRules];

const BY_ID = new Map(ALL_RULES.map((rule) => [rule.meta.id, rule]));

export function ruleById(id: string): Rule | undefined {
  return BY_ID.get(id);
}
