import { defineDockerfileRule } from '../../../rule';
import { looksLikeSecretName, isPlaceholderValue } from '../../../secrets';
import { literalSecret } from '../../../secrets';
import { argCopiesIntoEnv, browserPublicArgs, flagsOf } from '../../../dockerfile/instructions';
import { propertiesOf, type EnvVariable } from '../../../dockerfile/model';
import type { Instruction } from 'dockerfile-ast';

const isWordChar = (c: string | undefined) => c !== undefined && /^\w$/.test(c);

/**
 * Whether `text` expands the variable `name`: `${NAME}`, `${NAME:-…}` (and the other modifiers) or
 * `$NAME` not followed by more of a name. A plain scan, no regex built from the name: the name is
 * the user's text (a `.` in it is a dot, not a wildcard), and a name holding `$` is never a reference.
 */
function referencesVariable(text: string, name: string): boolean {
  if (name === '' || name.includes('$')) return false;
  for (let i = text.indexOf('$'); i !== -1; i = text.indexOf('$', i + 1)) {
    if (text[i + 1] === '{') {
      if (text.startsWith(name, i + 2) && ':}-+?='.includes(text[i + 2 + name.length] ?? '\n')) return true;
    } else if (text.startsWith(name, i + 1) && isWordChar(name[name.length - 1]) !== isWordChar(text[i + 1 + name.length])) return true;
  }
  return false;
}

/** True when a RUN after `instruction` in `instructions` (one stage's) expands the variable `name`. */
function readByLaterRun(instructions: readonly Instruction[], instruction: Instruction, name: string): boolean {
  const index = instructions.indexOf(instruction);
  return instructions.some((i, at) => at > index && i.getKeyword() === 'RUN' && referencesVariable(i.getRawArgumentsContent() ?? '', name));
}

export default defineDockerfileRule({
  meta: {
    id: 'config/secret-build-arg',
    factor: 'config',
    defaultSeverity: 'warning',
    description: 'A secret is passed to the build as an ARG and used by a later instruction, which records it in the image history.',
    rationale: [
      'Secrets are config that belongs to the environment, not to the artefact. A build argument used by `RUN` or `ENV`',
      'is expanded into the command that Docker stores with the layer, so `docker history` (and build provenance,',
      'and a registry build cache) reveal the token to anyone who can pull the image or its cache.',
      '',
      'Pass build-time credentials with BuildKit secret mounts instead: `RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN',
      'npm ci` and `docker build --secret id=npm_token,env=NPM_TOKEN`. They are available to that one command and never',
      'written to a layer. Declared-but-unused secret ARGs, and ones only read inside a secret-mounted RUN, are not reported,',
      'nor is an argument whose value the Dockerfile hands to a variable the front-end build publishes in the browser',
      'bundle (`ENV VITE_POSTHOG_API_KEY $POSTHOG_API_KEY`, `NEXT_PUBLIC_…`, `REACT_APP_…`): that value is public. An',
      'argument the final image keeps in its ENV for its process (`ENV RAILS_MASTER_KEY=$RAILS_MASTER_KEY`, no later RUN',
      'reading it) is `config/build-arg-frozen-into-env`\'s finding: the process needs it at run time, where a secret mount',
      'does not reach.',
    ].join('\n'),
    messages: {
      buildArg: 'Build argument `{{name}}` ends up in the image history where it is used; pass it with `RUN --mount=type=secret` instead.',
    },
  },
  check({ model, report }) {
    const published = browserPublicArgs(model);
    for (const stage of model.stages) {
      const declared = new Map<string, EnvVariable>();
      for (const instruction of stage.instructions) {
        const keyword = instruction.getKeyword();
        if (keyword === 'ARG') {
          for (const v of propertiesOf(instruction)) {
            const hasDefault = v.hasDefault;
            // A value the front-end build publishes in the browser bundle (`VITE_POSTHOG_API_KEY`) is no secret.
            if (!looksLikeSecretName(v.name) || published.has(v.name)) continue;
            if (hasDefault && !isPlaceholderValue(v.value) && literalSecret(v.name, v.value)) continue; // literal-secret-arg's finding
            declared.set(v.name, v);
          }
          continue;
        }
        // Nothing declared yet that could leak: the instruction's text need not be read.
        if ((keyword !== 'RUN' && keyword !== 'ENV') || declared.size === 0) continue;
        if (keyword === 'RUN' && flagsOf(instruction).some((f) => f.getName() === 'mount' && /(^|,)type=secret(,|$)/.test(f.getValue() ?? ''))) continue;
        const text = instruction.getRawArgumentsContent() ?? '';
        for (const [name, v] of declared) {
          // The final image's ENV that holds the argument alone (`ENV RAILS_MASTER_KEY=$RAILS_MASTER_KEY`) with no later
          // build step reading it: the image keeps it for its process, which config/build-arg-frozen-into-env reports
          // with the advice that fits (supply it at run time); a secret mount would not reach the process.
          if (keyword === 'ENV' && argCopiesIntoEnv(model).some((c) => c.instruction === instruction && c.arg === name) && !readByLaterRun(stage.instructions, instruction, name)) {
            declared.delete(name);
            continue;
          }
          if (referencesVariable(text, name)) {
            report({ messageId: 'buildArg', data: { name }, range: v.nameRange });
            declared.delete(name);
          }
        }
      }
    }
  },
});
