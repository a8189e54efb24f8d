import { defineDockerfileRule } from '../../../rule';
import { effectiveWords } from '../../../dockerfile/shell';
import { commandsOf, copyPaths, programOf, rootImage, runtimeInstructions } from '../../../dockerfile/instructions';
import { shortImageName } from '../../../dockerfile/backing-services';
import { runtimePackages, runtimePackagesFromVariables } from '../../../dockerfile/packages';
import { isAlpineImage } from '../../../dockerfile/base-images';
import type { ImageReference } from '../../../dockerfile/model';

type Tool = 'curl' | 'wget';
interface Known { curl: boolean; wget: boolean; family: string }

/**
 * Base images known to lack curl and/or wget. Only images we are sure about are listed;
 * anything else (full language images, nginx, JDK images, custom bases) is unknown and never reported.
 */
function knownTools(image: ImageReference | undefined): Known | undefined {
  if (!image?.name) return undefined;
  const name = shortImageName(image.name);
  const tag = (image.tag ?? 'latest').toLowerCase();
  if (name === 'scratch') return { curl: false, wget: false, family: 'scratch' };
  if (/(^|\/)distroless\//.test(name) || /chiseled|distroless/.test(tag)) return { curl: false, wget: false, family: 'distroless' };
  if (name.startsWith('cgr.dev/chainguard/') && !/-dev$/.test(tag)) return { curl: false, wget: false, family: 'distroless' };
  if (isAlpineImage(name, tag)) {
    if (name === 'alpine' || ['node', 'python'].includes(name) || name.startsWith('mcr.microsoft.com/dotnet/')) {
      return { curl: false, wget: true, family: 'Alpine' };
    }
    return undefined;
  }
  if (name === 'debian' || name === 'ubuntu') return { curl: false, wget: false, family: name === 'debian' ? 'Debian' : 'Ubuntu' };
  if ((name === 'node' || name === 'python') && /slim/.test(tag)) return { curl: false, wget: false, family: `${name} slim` };
  if (/^mcr\.microsoft\.com\/dotnet\/(aspnet|runtime|runtime-deps)$/.test(name)) return { curl: false, wget: false, family: '.NET runtime' };
  return undefined;
}

export default defineDockerfileRule({
  meta: {
    id: 'dependencies/healthcheck-tool-missing',
    factor: 'dependencies',
    defaultSeverity: 'warning',
    description: 'HEALTHCHECK calls curl or wget, which the base image does not ship and the Dockerfile never installs.',
    rationale: [
      'Every tool the running container needs is a dependency and must be declared in the image. Slim, Alpine, .NET',
      'runtime and distroless bases leave out `curl` (Alpine keeps a busybox `wget`; distroless has neither), so a',
      '`HEALTHCHECK CMD curl …` fails with "not found" and Docker marks a healthy container unhealthy.',
      '',
      "Install the tool explicitly in the final stage, use one the image has (`wget -q --spider` on Alpine), or ship a",
      "tiny health-check binary or script in your application's own language. Only base images known to lack the tool",
      'are reported.',
      '',
      'Not reported: images without a HEALTHCHECK; base images not on the known list (full language images, nginx, JDK',
      'and custom bases); a tool the base image is known to ship (busybox `wget` on Alpine); a `curl`, `curl-minimal`,',
      '`wget` or `busybox` package installed in the final image, also through a variable (`apt-get install -y',
      '$RUNTIME_PACKAGES` with the ARG\'s or ENV\'s value; one of unknown value may hold the tool); and images that copy',
      'a curl, wget or busybox binary in.',
    ].join('\n'),
    messages: {
      missing: 'HEALTHCHECK runs `{{tool}}`, but the {{family}} base image has no {{tool}} and this image never installs it; install it or use a check the image can run{{hint}}.',
    },
  },
  check({ model, report }) {
    const stage = model.finalStage;
    if (!stage) return;
    const healthcheck = model.lastOf(stage, 'HEALTHCHECK');
    if (!healthcheck) return;
    const known = knownTools(rootImage(stage));
    if (!known) return;
    const installed = new Set(runtimePackages(model).map((p) => p.name.toLowerCase()));
    // Packages named through a variable (`apt-get install -y $RUNTIME_PACKAGES`) count; one of unknown value may be the tool.
    const fromVariables = runtimePackagesFromVariables(model);
    if (fromVariables.unknown) return;
    for (const name of fromVariables.names) installed.add(name);
    const copied = runtimeInstructions(model).some((i) => {
      const { sources, destination } = copyPaths(model, i);
      return [...sources, ...(destination ? [destination] : [])].some((w) => /curl|wget|busybox/i.test(w.value));
    });
    if (copied || installed.has('busybox')) return;
    for (const command of commandsOf(model.commandLine(healthcheck))) {
      const words = effectiveWords(command);
      const program = programOf(words) as Tool;
      if (program !== 'curl' && program !== 'wget') continue;
      if (known[program] || installed.has(program) || (program === 'curl' && installed.has('curl-minimal'))) continue;
      const hint = program === 'curl' && known.wget ? ' (busybox `wget -q --spider <url>` is available)' : '';
      report({ messageId: 'missing', data: { tool: program, family: known.family, hint }, range: words[0].range });
    }
  },
});
