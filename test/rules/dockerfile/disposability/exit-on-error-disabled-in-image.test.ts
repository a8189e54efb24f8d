import rule from '../../../../server/src/core/rules/dockerfile/disposability/exit-on-error-disabled-in-image';
import { testRule } from '../../../helpers/rule-tester';

const FROM = 'FROM nvcr.io/nvidia/tritonserver:24.08-py3\n';

testRule(rule, {
  valid: [
    { name: 'the default: a failed model load exits', code: `${FROM}CMD ["tritonserver", "--model-repository=/models"]\n` },
    { name: 'explicitly true', code: `${FROM}CMD ["tritonserver", "--model-repository=/models", "--exit-on-error=true"]\n` },
    { name: 'a HEALTHCHECK on the readiness endpoint reports the failed model', code: `${FROM}HEALTHCHECK CMD curl -fsS localhost:8000/v2/health/ready || exit 1\nCMD ["tritonserver", "--model-repository=/models", "--exit-on-error=false"]\n` },
    { name: 'only in a build stage', code: `${FROM.replace('\n', ' AS warmup\n')}RUN tritonserver --exit-on-error=false --model-control-mode=none || true\nFROM nvcr.io/nvidia/tritonserver:24.08-py3\nCMD ["tritonserver", "--model-repository=/models"]\n` },
    { name: 'a different flag that only looks alike', code: `${FROM}CMD ["tritonserver", "--log-error=false", "--exit-timeout-secs=30"]\n` },
  ],
  invalid: [
    {
      name: 'exec-form CMD',
      code: `${FROM}CMD ["tritonserver", "--model-repository=/models", "--exit-on-error=false"]\n`,
      errors: [{ line: 2, column: 52, endColumn: 75, messageId: 'disabled', message: '`--exit-on-error=false` keeps the server running' }],
    },
    {
      name: 'ENTRYPOINT program with the flag and its value in CMD',
      code: `${FROM}ENTRYPOINT ["tritonserver"]\nCMD ["--model-repository=/models", "--exit-on-error", "false"]\n`,
      errors: [{ line: 3, column: 36, endColumn: 62, messageId: 'disabled', message: '`--exit-on-error false`' }],
    },
    {
      name: 'shell form with relaxed readiness despite a HEALTHCHECK',
      code: `${FROM}HEALTHCHECK CMD curl -fsS localhost:8000/v2/health/ready || exit 1\nCMD tritonserver --model-repository=/models --exit-on-error=off --strict-readiness=false\n`,
      errors: [{ line: 3, column: 45, messageId: 'relaxed' }],
    },
  ],
});
