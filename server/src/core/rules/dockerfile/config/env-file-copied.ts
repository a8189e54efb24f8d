import { defineDockerfileRule } from '../../../rule';
import { baseName, copyPaths, globMatches, runtimeInstructions } from '../../../dockerfile/instructions';
import { ENV_WORD } from '../../../dockerfile/literal-values';
import { dotenvContextPath, isDotenvName, isDotenvTemplate } from '../../../build-context';

const HARMLESS_SUFFIX = /\.(example|sample|template|tmpl|tpl|dist|defaults?|schema|in)$/i;

/** Why a copied file is per-environment config, or `undefined`. */
function environmentFile(path: string): string | undefined {
  const base = baseName(path);
  if (HARMLESS_SUFFIX.test(base)) return undefined;
  if (/[*?[]/.test(base)) {
    // A glob such as `.env*` or `*.env` that would pick up a dotenv file.
    return ['.env', '.env.production', 'production.env'].some((n) => globMatches(base, n)) && /env/i.test(base) ? 'may copy dotenv files' : undefined;
  }
  if (isDotenvName(base)) return 'is a dotenv file';
  const spring = /^(application|bootstrap)-([\w]+)\.(ya?ml|properties)$/i.exec(base);
  if (spring && ENV_WORD.test(spring[2])) return `is the Spring profile "${spring[2]}"`;
  const dotnet = /^appsettings\.(\w+)\.json$/i.exec(base);
  if (dotnet && ENV_WORD.test(dotnet[1])) return `holds the ${dotnet[1]} settings`;
  const webConfig = /^web\.(\w+)\.config$/i.exec(base);
  if (webConfig && ENV_WORD.test(webConfig[1])) return `is the ${webConfig[1]} web.config transform`;
  const config = /(^|\/)config\/(\w+)\.(json|ya?ml|js|cjs|toml)$/i.exec(path.replace(/\\/g, '/'));
  if (config && ENV_WORD.test(config[2])) return `holds the ${config[2]} settings`;
  return undefined;
}

export default defineDockerfileRule({
  meta: {
    id: 'config/env-file-copied',
    factor: 'config',
    defaultSeverity: 'warning',
    description: 'A per-environment config file (`.env`, `application-prod.yml`, `appsettings.Production.json`) is copied into the runtime image.',
    rationale: [
      'Config that changes between deploys belongs in the environment, not in the artefact. A `.env` file or a file',
      'named after one environment freezes that environment\'s settings (often with credentials) into the image, so the',
      'same image cannot be promoted from staging to production, and changing a setting means a rebuild.',
      '',
      'Keep such files out of the build context (`.dockerignore`) and provide the values as environment variables at',
      'deploy time. Environment-neutral defaults (`appsettings.json`, `.env.example`, `config/default.json`) are fine.',
      'Only the final stage is judged.',
      '',
      'Not reported: files copied only into earlier build stages that the final image does not inherit from; templates',
      'and samples (names ending in `.example`, `.sample`, `.template`, `.tmpl`, `.tpl`, `.dist`, `.default(s)`,',
      '`.schema` or `.in`); Spring, .NET, web.config or `config/` files whose name does not mention an environment; and',
      'globs that could not match a dotenv file. A file copied to a dotenv name (`ADD env /app/.env`) is reported on',
      'its destination, unless it is a template\'s copy (`COPY .env.example .env`). Nor is a dotenv file that only',
      'names its variables, every value left empty (`CONTACT_EMAIL=`), when the build context was read: the container\'s',
      'environment fills it in at start (import-meta-env\'s `-x .env.public`), and it bakes nothing in.',
    ].join('\n'),
    messages: {
      envFile: '`{{path}}` {{why}}: per-environment config baked into the image; supply these values as environment variables at deploy time.',
    },
  },
  check({ model, report, buildContext }) {
    for (const instruction of runtimeInstructions(model)) {
      const { sources, destination } = copyPaths(model, instruction);
      let reported = false;
      for (const word of sources) {
        const why = environmentFile(word.value);
        if (!why) continue;
        reported = true;
        // A dotenv file that only names its variables, read from the build context: the environment fills it in.
        const contextPath = dotenvContextPath(model, word);
        const text = contextPath !== undefined ? buildContext?.files?.[contextPath]?.text : undefined;
        if (text !== undefined && isDotenvTemplate(text)) continue;
        report({ messageId: 'envFile', data: { path: word.value, why }, range: word.range });
      }
      // One file copied under a dotenv name (kimai's `ADD env /var/tmp/kimai/.env`), unless it is a template's copy.
      if (reported || !destination || sources.length !== 1 || destination.value.endsWith('/') || HARMLESS_SUFFIX.test(baseName(sources[0].value))) continue;
      const target = baseName(destination.value);
      if (isDotenvName(target)) report({ messageId: 'envFile', data: { path: destination.value, why: `is a dotenv file (\`${sources[0].value}\` copied there)` }, range: destination.range });
    }
  },
});
