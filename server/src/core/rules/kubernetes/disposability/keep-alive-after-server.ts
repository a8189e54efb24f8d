import { isScalar } from 'yaml';
import { defineKubernetesRule } from '../../../rule';
import type { Container, KubeObject, KubernetesModel } from '../../../kubernetes/model';
import type { SourceText } from '../../../source';
import { splitCommands } from '../../../dockerfile/shell';
import { isKeepAlive } from '../../../dockerfile/keep-alive';
import { basename, commandSummary, containerCommand, programOf, scalarLogical, type SimpleCommand } from '../../../kubernetes/commands';
import { isLongRunning, podVolumes, volumeMounts } from '../../../kubernetes/pod-parts';
import { probeOf } from '../../../kubernetes/probes';
import { asMap, mapEntries, nodeAt, resolve, scalarString, seqItems, valueOf } from '../../../kubernetes/yaml-nodes';

/** Steps that prepare or report and start nothing. */
const SETUP = /^(|echo|printf|set|export|cd|true|:|mkdir|cp|ln|chmod|chown|env|source|\.|trap|ls|cat|date|id|whoami|nvidia-smi|apt|apt-get|apk|yum|dnf|pip|pip3|microdnf|test|\[|sleep)$/;
const SHELLS = /^(sh|bash|ash|dash|zsh)$/;

interface Script {
  commands: SimpleCommand[];
  /** Where the script text lives when it is not inline: the ConfigMap and its key. */
  from?: string;
}

/** The script a container runs: inline `sh -c "…"`, or a file mounted from a ConfigMap of the same file. */
function scriptOf(model: KubernetesModel, source: SourceText, object: KubeObject, container: Container): Script | undefined {
  const command = containerCommand(source, container, object.doc);
  if (!command || command.templated) return undefined;
  if (command.script) return { commands: command.commands };
  const argv = command.argv.map((w) => w.value);
  const path = SHELLS.test(basename(argv[0] ?? '')) && argv[1]?.startsWith('/') ? argv[1] : argv[0];
  if (!path?.startsWith('/')) return undefined;
  const volumes = podVolumes(object);
  for (const mount of volumeMounts(model, container, object.doc)) {
    const volume = volumes.get(mount.name);
    if (volume?.sourceKind !== 'configMap' || !volume.source || !mount.mountPath) continue;
    const subPath = scalarString(valueOf(mount.node, 'subPath', object.doc), object.doc);
    let dir = mount.mountPath;
    while (dir.endsWith('/')) dir = dir.slice(0, -1);
    let file: string | undefined;
    if (subPath) file = mount.mountPath === path ? subPath : undefined;
    else if (path.startsWith(`${dir}/`)) file = path.slice(dir.length + 1);
    if (!file) continue;
    // `items` may map keys to other file names.
    let key = file;
    for (const item of seqItems(valueOf(volume.source, 'items', object.doc), object.doc)) {
      const map = asMap(item, object.doc);
      if (map && scalarString(valueOf(map, 'path', object.doc), object.doc) === file) key = scalarString(valueOf(map, 'key', object.doc), object.doc) ?? key;
    }
    const name = scalarString(valueOf(volume.source, 'name', object.doc), object.doc);
    const configMap = model.objects.find((o) => o.kind === 'ConfigMap' && o.name === name);
    if (!configMap) continue;
    const node = resolve(nodeAt(configMap.node, ['data', key], configMap.doc), configMap.doc);
    if (!isScalar(node) || node.value === null || node.value === undefined || String(node.value).includes('{{')) continue;
    const logical = scalarLogical(source, node);
    if (logical) return { commands: splitCommands(source, logical), from: `ConfigMap \`${name}\` (\`${key}\`)` };
  }
  return undefined;
}

/** A container meant to serve: it declares ports or is probed over the network. */
function servesTraffic(object: KubeObject, container: Container): boolean {
  if (seqItems(valueOf(container.node, 'ports', object.doc), object.doc).length > 0) return true;
  return (['readinessProbe', 'livenessProbe'] as const).some((key) => {
    const probe = probeOf(container, key, object.doc);
    return !!probe && mapEntries(probe, object.doc).some((e) => /^(httpGet|grpc|tcpSocket)$/.test(e.key));
  });
}

export default defineKubernetesRule({
  meta: {
    id: 'disposability/keep-alive-after-server',
    factor: 'disposability',
    defaultSeverity: 'warning',
    description: 'A serving container\'s script ends in a keep-alive (`tail -f /dev/null`, `sleep infinity`) after starting the server.',
    rationale: [
      'The platform watches one process per container: when it exits the container is restarted, and SIGTERM goes to',
      'it on shutdown. A script that starts the server (a launcher that returns, or the server itself) and then runs',
      '`tail -f /dev/null` or `sleep infinity` makes the keep-alive that process. A crashed server leaves the container',
      'running, nothing restarts it unless a liveness probe happens to notice, and the stop signal never reaches the',
      'server, so every shutdown waits out the grace period and ends in SIGKILL.',
      '',
      'End the script with `exec <server>` in the foreground (or have the launcher wait for the server it starts).',
      'Scripts mounted from a ConfigMap of the same file are read too.',
      '',
      'Not reported: containers that declare no ports and have no network probe (toolbox and client pods that idle on',
      'purpose, see `backing-services/datastore-without-persistent-storage`), scripts that only set up and idle',
      '(package installs, `echo`, `mkdir`), servers sent to the background with `&` (reported by',
      '`concurrency/background-process-in-command`), keep-alives inside loops, Jobs, and templated commands.',
    ].join('\n'),
    messages: {
      keepAlive: '`{{keepAlive}}` keeps container `{{container}}` alive after `{{server}}`{{where}}, so the container outlives a crashed server and SIGTERM never reaches it; `exec` the server instead.',
    },
  },
  check({ model, source, report }) {
    for (const object of model.objects) {
      if (!object.podSpec || !isLongRunning(object)) continue;
      for (const container of object.podSpec.containers) {
        if (!servesTraffic(object, container)) continue;
        const script = scriptOf(model, source, object, container);
        if (!script) continue;
        const steps = script.commands.filter((c) => c.words.length > 0);
        const last = steps[steps.length - 1];
        if (!last || !isKeepAlive(last)) continue;
        if (steps.some((c) => c.terminator === '&' || /^(while|until|for|do|done)$/.test(c.words[0]?.value ?? ''))) continue;
        const work = steps.slice(0, -1).filter((c) => !SETUP.test(programOf(c)));
        if (work.length === 0) continue;
        report({
          messageId: 'keepAlive',
          data: {
            keepAlive: commandSummary(last),
            container: container.name ?? '?',
            server: commandSummary(work[work.length - 1]),
            where: script.from ? ` in ${script.from}` : '',
          },
          range: last.range,
        });
      }
    }
  },
});
