import { defineDockerfileRule } from '../../../rule';
import { addressOptions, isLoopbackHost, parseAddress, startInfo, subRange } from '../../../dockerfile/start-command';

/** Variables that servers and frameworks read as the address to listen on. */
const BIND_ENV = /^(HOST|HOSTNAME_BIND|BIND|BIND_(ADDR|ADDRESS|HOST)|LISTEN|LISTEN_(ADDR|ADDRESS|HOST)|(SERVER|APP|HTTP|WEB|API)_(HOST|BIND|BIND_ADDR(ESS)?|LISTEN_ADDR(ESS)?)|[A-Z0-9]+_(BIND_(ADDR|ADDRESS|HOST)|LISTEN_(ADDR|ADDRESS))|UVICORN_HOST|GUNICORN_BIND|HYPERCORN_BIND|FLASK_RUN_HOST|NUXT_HOST|NITRO_HOST|ASPNETCORE_URLS|ASPNETCORE_HTTP_URLS|SERVER_ADDRESS|QUARKUS_HTTP_HOST|MICRONAUT_SERVER_HOST)$/;
/** Programs whose listen address is meant to be local: debuggers and admin endpoints are another rule's business. */
const LOCAL_BY_DESIGN = new Set(['debugpy', 'dlv', 'redis-cli', 'curl', 'wget', 'nc']);

export default defineDockerfileRule({
  meta: {
    id: 'port-binding/loopback-bind',
    factor: 'port-binding',
    defaultSeverity: 'warning',
    description: 'The server binds to `127.0.0.1`/`localhost`, which is unreachable from outside the container.',
    rationale: [
      'Inside a container, `127.0.0.1` is the container\'s own loopback interface. A server bound there accepts no',
      'connection from a published port, a Kubernetes Service or another container, so the port binding the image',
      'promises does not exist: health checks from outside fail and traffic never arrives.',
      '',
      'Bind to all interfaces (`0.0.0.0`, or `::` for IPv6) inside the container and control exposure from outside,',
      'with published ports, Services and network policies.',
      '',
      'A variable whose value is a URL (`HOST=http://localhost:8080/`) names something to connect to, such as a load',
      'generator\'s target, and is not read as a bind address (`ASPNETCORE_URLS`, which lists addresses to listen on, is).',
    ].join('\n'),
    messages: {
      option: '`{{option}}` binds `{{host}}`, the container\'s own loopback; bind `0.0.0.0` so the port is reachable.',
      env: '`{{name}}={{value}}` makes the server listen on the container\'s loopback; use `0.0.0.0`.',
    },
    fix: 'safe',
  },
  check({ model, source, report }) {
    const info = startInfo(model);
    if (!info) return;
    const replacement = (host: string) => (host.startsWith('[') || host === '::1' ? undefined : '0.0.0.0');
    for (const command of info.commands) {
      if (LOCAL_BY_DESIGN.has(command.program)) continue;
      for (const option of addressOptions(command)) {
        if (!option.host || !isLoopbackHost(option.host.text)) continue;
        const range = subRange(source, option.valueWord, option.host.start, option.host.end);
        const exact = source.textOf(range) === option.host.text;
        const newText = replacement(option.host.text);
        report({
          messageId: 'option',
          data: { option: option.option.value.split('=')[0], host: option.host.text },
          range,
          fix: exact && newText ? { title: `Bind ${newText}`, edits: [{ range, newText }] } : undefined,
        });
      }
    }
    for (const variable of model.envOf(info.stage).values()) {
      if (!BIND_ENV.test(variable.name)) continue;
      // A URL with a scheme is where something connects to (a load generator's target), not a bind address, except in
      // the `*_URLS` settings (ASP.NET Core) whose URLs are the addresses to listen on.
      if (/:\/\//.test(variable.value) && !/URLS$/.test(variable.name)) continue;
      const parsed = /:\/\//.test(variable.value) || variable.value.includes(':') ? parseAddress(variable.value, false) : { host: { text: variable.value, start: 0, end: variable.value.length } };
      const host = parsed.host;
      if (!host || !isLoopbackHost(host.text)) continue;
      const written = source.textOf(variable.valueRange);
      const at = written.indexOf(host.text);
      const range = at >= 0 ? source.rangeOf(source.offsetAt(variable.valueRange.start) + at, source.offsetAt(variable.valueRange.start) + at + host.text.length) : variable.valueRange;
      const newText = replacement(host.text);
      report({
        messageId: 'env',
        data: { name: variable.name, value: variable.value },
        range,
        fix: at >= 0 && newText ? { title: `Bind ${newText}`, edits: [{ range, newText }] } : undefined,
      });
    }
  },
});
