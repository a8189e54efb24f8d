import { defineDockerfileRule } from '../../../rule';
import type { Range } from '../../../types';
import { addressOptions, exposedPorts, portNumber, startInfo, subRange, variablesOf } from '../../../dockerfile/start-command';
import { bundlesReverseProxy } from '../../../dockerfile/reverse-proxy';
import { aspnetImagePort } from '../../../dockerfile/base-images';
import { rootImage } from '../../../dockerfile/instructions';

/** Settings that give ASP.NET Core its ports or addresses, in place of the aspnet image's own. */
const ASPNETCORE_PORT_SETTINGS = ['ASPNETCORE_URLS', 'ASPNETCORE_HTTP_PORTS', 'ASPNETCORE_HTTPS_PORTS', 'HTTP_PORTS', 'HTTPS_PORTS', 'DOTNET_URLS', 'URLS'];

const LOCAL_URL = /^(?:https?|tcp):\/\/(?:localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\])(?::(\d+|\$\{?[A-Za-z_][A-Za-z0-9_]*(?::-\d+)?\}?))?(?:\/|$)/i;

export default defineDockerfileRule({
  meta: {
    id: 'port-binding/port-mismatch',
    factor: 'port-binding',
    defaultSeverity: 'warning',
    description: 'The ports in `EXPOSE`, the start command\'s port flags, `ENV PORT` and the `HEALTHCHECK` URL disagree.',
    rationale: [
      'The port an image binds is its public contract: `EXPOSE` documents it, `PORT` configures it, the server flag',
      'applies it and the health check probes it. When they disagree, one of them is wrong, and the usual result is a',
      'container that is "unhealthy" or receives no traffic although the server is running fine.',
      '',
      'Keep one source of truth: read the port from `PORT` in the start command (`--bind 0.0.0.0:${PORT}`), and make',
      '`EXPOSE` and the health check use the same number.',
      '',
      'Not reported: images without a start command; ports that cannot be resolved to a number (unknown variables,',
      '`EXPOSE` with an unresolved value); a `PORT` that is not a plain number; a start command that reads `$PORT` when',
      'compared against `PORT`; and health checks that do not probe a local URL (`localhost`, `127.0.0.1`, `0.0.0.0`,',
      '`[::1]`) with a port. An image that bundles a reverse proxy in front of its app (nginx, Caddy, HAProxy, Envoy or',
      'Traefik installed or copied in, or its configuration) is not compared with its EXPOSE: the app listens on the',
      'proxy\'s upstream port and EXPOSE names the proxy\'s.',
      '',
      "An ASP.NET Core app started with `dotnet App.dll` on Microsoft's `aspnet` image, with no port of its own (no",
      '`ASPNETCORE_URLS`, `ASPNETCORE_HTTP_PORTS` or `--urls`), listens on the port the image sets: 8080 from .NET 8, 80',
      'before it. An `EXPOSE 80` on `aspnet:8.0` (the default of .NET 7 and earlier, kept when an image is upgraded) names',
      'a port nothing listens on.',
    ].join('\n'),
    messages: {
      commandVsExpose: 'The server listens on {{port}} but EXPOSE declares {{exposed}}; make them the same port.',
      envVsCommand: 'PORT is {{port}} but the start command binds {{command}}; read the port from $PORT or make them equal.',
      envVsExpose: 'PORT is {{port}} but EXPOSE declares {{exposed}}; make them the same port.',
      aspnetVsExpose: 'ASP.NET Core in `{{image}}` listens on {{port}} (the image\'s ASPNETCORE_HTTP_PORTS) but EXPOSE declares {{exposed}}; expose {{port}}, or set ASPNETCORE_HTTP_PORTS to the port you expose.',
      healthcheck: 'The health check probes port {{port}} but the server listens on {{listen}}; probe the port the server binds.',
    },
  },
  check({ model, source, report }) {
    const info = startInfo(model);
    if (!info) return;
    const values = variablesOf(model, info.stage);
    const exposed = exposedPorts(model, info.stage);
    const exposedKnown = exposed.length > 0 && exposed.every((e) => e.number !== undefined);
    // Behind a reverse proxy the image bundles, the app's port is the proxy's upstream and EXPOSE names the proxy's.
    const compareExpose = exposedKnown && !bundlesReverseProxy(model, info.stage);
    const exposedNumbers = exposed.map((e) => e.number as number);
    const exposedText = exposedNumbers.join(', ');

    let command: { port: number; range: Range; literal: boolean } | undefined;
    const main = info.main;
    if (main) {
      for (const option of addressOptions(main)) {
        if (!option.port) continue;
        const port = portNumber(model, option.port.text, values);
        if (port === undefined) continue;
        command = { port, range: subRange(source, option.valueWord, option.port.start, option.port.end), literal: !option.port.text.includes('$') };
        break;
      }
    }
    const portVar = model.envOf(info.stage).get('PORT');
    const envPort = portVar && /^\d+$/.test(portVar.value) ? Number(portVar.value) : undefined;

    if (command && compareExpose && !exposedNumbers.includes(command.port)) {
      report({ messageId: 'commandVsExpose', data: { port: command.port, exposed: exposedText }, range: command.range });
    }
    if (portVar && envPort !== undefined && command?.literal && command.port !== envPort) {
      report({ messageId: 'envVsCommand', data: { port: envPort, command: command.port }, range: portVar.valueRange });
    } else if (portVar && envPort !== undefined && !command && compareExpose && !exposedNumbers.includes(envPort)) {
      report({ messageId: 'envVsExpose', data: { port: envPort, exposed: exposedText }, range: portVar.valueRange });
    }

    // `dotnet App.dll` on Microsoft's aspnet image with no port of its own: the image's (8080 from .NET 8, 80 before).
    const image = rootImage(info.stage);
    const aspnet = !command && envPort === undefined && main?.program === 'dotnet' && main.words.some((w) => /\.dll$/i.test(w.value)) && !main.words.some((w) => w.value === '--urls' || w.value.startsWith('--urls=')) ? aspnetImagePort(image) : undefined;
    const env = aspnet === undefined ? undefined : model.envOf(info.stage);
    if (aspnet !== undefined && compareExpose && !exposedNumbers.includes(aspnet) && !ASPNETCORE_PORT_SETTINGS.some((name) => env!.has(name))) {
      report({ messageId: 'aspnetVsExpose', data: { image: image!.expanded ?? image!.raw, port: aspnet, exposed: exposedText }, range: exposed[0].range });
    }

    const listen = command?.port ?? envPort ?? (exposedKnown && exposedNumbers.length === 1 ? exposedNumbers[0] : undefined);
    const healthcheck = model.lastOf(info.stage, 'HEALTHCHECK');
    const line = healthcheck && model.commandLine(healthcheck);
    if (!line || listen === undefined) return;
    const words = line.form === 'exec' && !line.script ? line.execArgs : line.commands.flatMap((c) => c.words);
    for (const word of words) {
      const m = LOCAL_URL.exec(word.value);
      if (!m || m[1] === undefined) continue;
      const port = portNumber(model, m[1], values);
      if (port === undefined || port === listen || (exposedKnown && exposedNumbers.includes(port) && command === undefined)) continue;
      const start = word.value.indexOf(m[1], m[0].indexOf('//') + 2);
      report({ messageId: 'healthcheck', data: { port, listen }, range: subRange(source, word, start, start + m[1].length) });
    }
  },
});
