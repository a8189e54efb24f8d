import { defineDockerfileRule } from '../../../rule';
import { argValuesAt, runsAfter, runtimeInstructions, soleReference } from '../../../dockerfile/instructions';
import { NON_PRODUCTION } from '../../../dockerfile/literal-values';
import { FRAMEWORK_ENVIRONMENTS, debugSwitchOff, debugSwitchOn } from '../../../debug-switches';
import { isDevelopmentImage } from '../../../dockerfile/start-command';

/** Variables that select a framework's environment, with the generic names an image may bake in; the value is the safe production setting, if there is one. */
const MODE_VARIABLES: Readonly<Record<string, string | undefined>> = {
  ...FRAMEWORK_ENVIRONMENTS,
  APP_ENVIRONMENT: undefined,
  ENVIRONMENT: undefined,
  GO_ENV: undefined,
  DJANGO_ENV: undefined,
  YII_ENV: undefined,
};
/**
 * Prefixes that hand a variable to the browser bundle, inlined when the front end is built (`NEXT_PUBLIC_NODE_ENV`,
 * `VITE_APP_ENV`): the variable behind one selects the environment the same way, and no deploy can override it.
 */
const PUBLIC_PREFIX = /^(NEXT_PUBLIC|NUXT_PUBLIC|VITE|REACT_APP|EXPO_PUBLIC)_/;

/** The mode variable `name` is (MODE_VARIABLES), itself or behind a public prefix; undefined when it is none. */
function modeVariable(name: string): string | undefined {
  if (Object.hasOwn(MODE_VARIABLES, name)) return name;
  const bare = name.replace(PUBLIC_PREFIX, '');
  return bare !== name && Object.hasOwn(MODE_VARIABLES, bare) ? bare : undefined;
}

/** The value that turns a debug switch off, written as its `on` value was (`True` -> `False`, `1` -> `0`). */
const DEBUG_OFF: Record<string, string> = { '1': '0', true: 'false', True: 'False', TRUE: 'FALSE', yes: 'no', on: 'off', debug: 'release' };

export default defineDockerfileRule({
  meta: {
    id: 'config/environment-switch',
    factor: 'config',
    defaultSeverity: 'warning',
    description: 'The runtime image switches on a non-production environment or debug mode (`NODE_ENV=development`, `DEBUG=1`).',
    rationale: [
      'One image should be promoted unchanged from staging to production, with everything that differs supplied by the',
      'environment. Baking `NODE_ENV=development`, `RAILS_ENV=staging`, `SPRING_PROFILES_ACTIVE=dev` or `FLASK_DEBUG=1`',
      'into the final stage ties the artefact to one environment and, worse, ships debug behaviour (verbose errors,',
      'unminified assets, dev-only code paths) to wherever the image runs.',
      '',
      'Set the production mode in the image (`NODE_ENV=production` is the right default and is not reported) and let each',
      'deploy override individual settings through its own environment variables. Builder stages are not judged. The quick',
      'fix switches well-known variables to their production value when no later `RUN` depends on the old one.',
      '',
      'The same variables behind a prefix that hands them to a front end\'s bundle (`NEXT_PUBLIC_NODE_ENV`, `VITE_APP_ENV`,',
      '`REACT_APP_NODE_ENV`) are judged too: the bundle takes their value when it is built, and no deploy changes it. Set',
      'where no build step follows (the web server\'s stage, after the bundle was built), they reach no bundle and are not',
      'reported.',
      '',
      'Not reported: a development image (`Dockerfile.dev`, `dev.Dockerfile`, `.devcontainer/`, a last stage `AS dev`),',
      'which is built for that environment and is not released.',
    ].join('\n'),
    messages: {
      mode: '`{{name}}={{value}}` bakes the {{value}} environment into the runtime image; default to production and override per deploy.',
      bundleMode: '`{{name}}={{value}}` builds the {{value}} environment into the front end\'s bundle, which no deploy can change; set it for production in the release image.',
      modeFromArg: '`{{name}}` defaults to `{{value}}` through a build argument, so the runtime image is built for one environment; default to production and override per deploy.',
      debug: '`{{name}}={{value}}` turns debug mode on in the runtime image; turn it off and enable it per deploy when needed.',
    },
    fix: 'unsafe',
    // `NODE_ENV=production` makes a development image a release: the development dependencies it copies are then reported.
    fixIntroduces: ['build-release-run/dev-dependencies-in-image'],
  },
  check({ model, source, report }) {
    const stage = model.finalStage;
    // A development image (`Dockerfile.dev`, a last stage `AS dev`) is built for that environment and not released.
    if (!stage || isDevelopmentImage(model, source.uri)) return;
    const runtime = runtimeInstructions(model);
    for (const variable of model.envOf(stage).values()) {
      const name = variable.name;
      const mode = modeVariable(name);
      const isMode = mode !== undefined;
      const isDebug = debugSwitchOff(name) !== undefined;
      if (!isMode && !isDebug) continue;
      let value = variable.value.trim();
      let fromArg = false;
      const reference = soleReference(value);
      if (reference) {
        const expanded = argValuesAt(model, variable.instruction).get(reference);
        if (expanded === undefined) continue;
        value = expanded;
        fromArg = true;
      }
      if (isMode) {
        const values = mode === 'SPRING_PROFILES_ACTIVE' || mode === 'MICRONAUT_ENVIRONMENTS' ? value.split(',').map((v) => v.trim()) : [value];
        const bad = values.find((v) => NON_PRODUCTION.test(v));
        if (!bad) continue;
        // A front end's mode variable set where no build step follows (the web server's stage) reaches no bundle.
        if (mode !== name && !runsAfter(runtime, variable.instruction)) continue;
        const production = MODE_VARIABLES[mode];
        // A later RUN may depend on the old value; a front end's bundle is built by one, which is what the fix is for.
        const fixable = !fromArg && production !== undefined && values.length === 1 && (mode !== name || !runsAfter(runtime, variable.instruction));
        report({
          messageId: fromArg ? 'modeFromArg' : mode !== name ? 'bundleMode' : 'mode',
          data: { name, value: bad },
          range: variable.valueRange,
          fix: fixable ? { title: `Set ${name} to ${production}`, edits: [{ range: variable.valueRange, newText: requote(source.textOf(variable.valueRange), production!) }] } : undefined,
        });
      } else {
        if (!debugSwitchOn(name, value)) continue;
        const off = DEBUG_OFF[value];
        report({
          messageId: 'debug',
          data: { name, value },
          range: variable.valueRange,
          fix: fromArg || off === undefined ? undefined : { title: `Set ${name} to ${off}`, edits: [{ range: variable.valueRange, newText: requote(source.textOf(variable.valueRange), off) }] },
        });
      }
    }
  },
});

function requote(raw: string, value: string): string {
  const quote = /^["']/.exec(raw)?.[0];
  return quote ? `${quote}${value}${quote}` : value;
}
