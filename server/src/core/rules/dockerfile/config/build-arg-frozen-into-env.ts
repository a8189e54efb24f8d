import { defineDockerfileRule } from '../../../rule';
import { argCopiesAmong, argCopiesIntoEnv, browserPublicArgs, imageStages, isBrowserPublic, runsAfter, runtimeInstructions } from '../../../dockerfile/instructions';
import { looksLikeSecretName } from '../../../secrets';

/** Names of settings that differ per deploy: where services live, which domain, which bucket. */
const CONFIG_LIKE = /(_|^)(URL|URI|HOST|HOSTNAME|HOSTS|ENDPOINT|DSN|ADDR|ADDRESS|SERVER|SERVERS|DOMAIN|ORIGIN|ORIGINS|BUCKET|QUEUE|TOPIC|DATABASE|REGION|TENANT|BROKERS?)$/i;


export default defineDockerfileRule({
  meta: {
    id: 'config/build-arg-frozen-into-env',
    factor: 'config',
    defaultSeverity: 'warning',
    description: 'A build argument carrying deploy-specific config (a URL, host, endpoint or secret) is copied into the runtime ENV.',
    rationale: [
      '`ARG API_URL` followed by `ENV API_URL=$API_URL` turns a per-deploy setting into a property of the image: you now',
      'need one build per environment, and the image you tested is not the image you ship. For a secret it is worse: the',
      'value is stored in the image config for anyone who pulls it.',
      '',
      'Drop the `ARG`/`ENV` pair and let each deploy set the variable. Build metadata such as `ARG VERSION` →',
      '`ENV APP_VERSION=$VERSION` describes the artefact itself and is not reported, nor is where its code came from',
      '(`DD_GIT_REPOSITORY_URL`, `SOURCE_URL`), nor a record of what the build used (`BUILT_…`, which a start script',
      'compares with the deploy\'s value). A secret-named argument whose value the Dockerfile also hands to a variable the',
      'front-end build publishes (`VITE_…`, `NEXT_PUBLIC_…`, `REACT_APP_…`, `VUE_APP_…`) is public. Such a variable is read',
      'when the bundle is built, so setting it per deploy changes nothing: the message then says to serve the setting',
      'at run time; set where no build step follows it (a web server\'s stage, after the bundle was built), it reaches no',
      'bundle and is not reported. Besides the final stage, a front-end variable is judged in a build stage whose output',
      'the final stage copies (`COPY --from=build /app/dist …`), when a build step of that stage follows it.',
    ].join('\n'),
    messages: {
      config: '`{{name}}` is fixed at build time from the build argument `{{arg}}`; let each deploy set {{name}} instead of building one image per environment.',
      secret: 'The secret build argument `{{arg}}` is stored in the image as `{{name}}`; provide {{name}} at run time from a secret store.',
      bundle: '`{{name}}` is compiled into the front-end bundle from the build argument `{{arg}}`, so each environment needs its own build; serve the setting at run time instead (a config file or endpoint the container writes from its environment at start).',
    },
  },
  check({ model, report }) {
    const runtime = runtimeInstructions(model);
    for (const { instruction, variable, arg } of argCopiesIntoEnv(model)) {
      if ((looksLikeSecretName(arg) || looksLikeSecretName(variable.name)) && !browserPublicArgs(model).has(arg)) {
        report({ messageId: 'secret', data: { name: variable.name, arg }, range: variable.valueRange });
      } else if (CONFIG_LIKE.test(arg) || CONFIG_LIKE.test(variable.name)) {
        // A front-end build variable is read when the bundle is built: setting it per deploy changes nothing. Where no
        // build step follows (the web server's stage, after the bundle was built), no bundle reads it.
        const bundled = isBrowserPublic(variable.name);
        if (bundled && !runsAfter(runtime, instruction)) continue;
        report({ messageId: bundled ? 'bundle' : 'config', data: { name: variable.name, arg }, range: variable.valueRange });
      }
    }
    // A build stage whose output the image copies (`COPY --from=build /app/.next/standalone ./`, `/app/dist` into
    // nginx): a front-end variable its build step read is in that output, as it would be built in the final stage.
    // Only where some ENV hands a build argument to a front-end variable (browserPublicArgs, read once per model).
    if (browserPublicArgs(model).size === 0) return;
    for (const stage of imageStages(model).slice(1)) {
      const chain = model.inheritedInstructions(stage);
      for (const { instruction, variable, arg } of argCopiesAmong(model, chain)) {
        if (runtime.includes(instruction) || !isBrowserPublic(variable.name) || !(CONFIG_LIKE.test(arg) || CONFIG_LIKE.test(variable.name))) continue;
        if (runsAfter(chain, instruction)) report({ messageId: 'bundle', data: { name: variable.name, arg }, range: variable.valueRange });
      }
    }
  },
});
