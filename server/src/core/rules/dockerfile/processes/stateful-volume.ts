import type { Range } from '../../../types';
import { defineDockerfileRule } from '../../../rule';
import { isExecForm } from '../../../dockerfile/model';
import { runtimeInstructions, variablesAt } from '../../../dockerfile/instructions';
import { isServiceImage } from '../../../dockerfile/backing-services';

/** Path segments that hold user or application state. */
const STATE_SEGMENT = /^(uploads?|user[-_]?uploads|sessions?|data|data[-_]?dir|storage|media|files|attachments|avatars|db|database|sqlite|state|userdata|user[-_]data|documents|assets[-_]uploads)$/i;
/** Paths that are not state: logs (the logs factor), caches, temporary and runtime directories. */
const NOT_STATE = /^\/(var\/log|var\/cache|tmp|var\/tmp|run|var\/run|proc|sys|dev)(\/|$)|\/(node_modules|cache|\.cache|tmp|logs?)$/i;

function isStatePath(path: string): boolean {
  const p = path.replace(/(?<!\/)\/+$/, '');
  if (!p.startsWith('/') || NOT_STATE.test(p)) return false;
  if (/^\/var\/lib\/[^/]+/.test(p)) return true;
  return p.split('/').some((segment) => STATE_SEGMENT.test(segment));
}

export default defineDockerfileRule({
  meta: {
    id: 'processes/stateful-volume',
    factor: 'processes',
    defaultSeverity: 'warning',
    description: 'The application image declares a VOLUME for state (uploads, sessions, data), so that state lives with one container.',
    rationale: [
      'Twelve-factor processes are stateless and share nothing: any replica may serve any request, and a container can be',
      'replaced at any time. A `VOLUME /app/uploads` or `VOLUME /data` in an application image plans for files that only',
      'one container (or one node) can see: a second replica does not have them, and a reschedule may lose them.',
      '',
      'Keep persistent data in a backing service (object storage such as S3, a database, a cache) and attach it through',
      'config. Images that are a backing service themselves (FROM an official database image, or starting only the',
      'service) and log, cache and temporary paths are not reported. A path written with variables (`${GRAYLOG_HOME}/data`)',
      'is judged with the ARG and ENV values in force at the VOLUME line; one whose value is unknown is not.',
    ].join('\n'),
    messages: {
      volume: '`VOLUME {{path}}` keeps state on one container\'s disk; store it in a backing service (object storage, database) so any replica can serve it.',
    },
  },
  check({ model, source, report }) {
    if (isServiceImage(model)) return;
    for (const instruction of runtimeInstructions(model)) {
      if (instruction.getKeyword() !== 'VOLUME') continue;
      const paths: { value: string; range: Range }[] = [];
      const json = (instruction as unknown as { getJSONStrings?: () => { getRange(): Range }[] }).getJSONStrings;
      if (isExecForm(instruction) && typeof json === 'function') {
        for (const s of json.call(instruction)) {
          const raw = source.textOf(s.getRange());
          paths.push({ value: raw.replace(/^"|"$/g, ''), range: s.getRange() });
        }
      } else {
        for (const a of instruction.getArguments()) paths.push({ value: a.getValue().replace(/^["']|["']$/g, ''), range: a.getRange() });
      }
      for (const path of paths) {
        // `VOLUME ${GRAYLOG_HOME}/data`: judged with the ARG and ENV values in force (unknown values are not judged).
        const value = path.value.includes('$') ? model.expand(path.value, variablesAt(model, instruction)) : path.value;
        if (value !== undefined && isStatePath(value)) report({ messageId: 'volume', data: { path: path.value }, range: path.range });
      }
    }
  },
});
