import rule from '../../../../server/src/core/rules/dockerfile/build-release-run/pipe-without-pipefail';
import { testRule } from '../../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'pipefail set in the script', code: 'FROM debian:12\nRUN set -euo pipefail; curl -fsSL https://x/key | gpg --dearmor -o /k.gpg\n' },
    { name: 'pipefail in SHELL of the parent stage', code: 'FROM debian:12 AS base\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nFROM base\nRUN curl -fsSL https://x/key | tee /k\n' },
    { name: "gpg fails on empty input by itself (exit 2, no valid OpenPGP data): linkding's key", code: 'FROM debian:12\nRUN curl -fsSL https://x/key.asc | gpg --dearmor -o /usr/share/keyrings/x.gpg\n' },
    { name: 'tar fails on empty input by itself; pipe into sh is another rule', code: 'FROM debian:12\nRUN curl -fsSL https://x/a.tgz | tar -xz -C /opt && curl https://x/i.sh | sh\n' },
  ],
  invalid: [
    {
      name: 'curl into tee, writing an apt source',
      code: 'FROM debian:12\nRUN curl -fsSL https://x/repo.list | tee /etc/apt/sources.list.d/x.list\n',
      errors: [{ line: 2, column: 5, endColumn: 72, messageId: 'pipe', message: '`curl … | tee`' }],
    },
    {
      name: 'wget through two pipes into tee',
      code: 'FROM alpine:3.20\nRUN wget -qO- https://x/list | sed s/a/b/ | tee /etc/x.list >/dev/null\n',
      errors: [{ line: 2, column: 5, endColumn: 71, message: '`wget … | tee`' }],
    },
    {
      name: 'a SHELL without pipefail does not count',
      code: 'FROM debian:12\nSHELL ["/bin/bash", "-c"]\nRUN curl -s https://x/cfg | jq . > /cfg.json\n',
      errors: [{ line: 3, column: 5, endColumn: 45 }],
    },
  ],
});
