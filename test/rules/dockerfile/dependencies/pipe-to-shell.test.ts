import rule from '../../../../server/src/core/rules/dockerfile/dependencies/pipe-to-shell';
import { testRule } from '../../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'download and verify', code: 'FROM debian:bookworm-slim\nRUN curl -fsSLo install.sh https://get.example.com/v1.2/install.sh \\\n && echo "abc  install.sh" | sha256sum -c - \\\n && sh install.sh\n' },
    { name: 'piping an archive into tar', code: 'FROM alpine:3.20\nRUN wget -qO- https://example.com/x.tar.gz | tar xz -C /opt\n' },
    { name: 'piping a key into gpg', code: 'FROM debian:bookworm-slim\nRUN curl -fsSL https://example.com/key.asc | gpg --dearmor -o /usr/share/keyrings/x.gpg\n' },
    { name: 'sh -c with a script argument', code: 'FROM alpine:3.20\nRUN curl -fsSL https://x.example/list | sh -c "cat > /list"\n' },
  ],
  invalid: [
    {
      name: 'curl into bash',
      code: 'FROM ubuntu:24.04\nRUN curl -fsSL https://deb.nodesource.com/setup_20.x | bash -\n',
      errors: [{ line: 2, column: 5, endLine: 2, endColumn: 60, messageId: 'piped', message: 'curl … | bash' }],
    },
    {
      name: 'wget into sudo sh across a continuation',
      code: 'FROM ubuntu:24.04\nRUN apt-get update && \\\n    wget -qO- https://get.example.com \\\n    | sudo sh\n',
      errors: [{ line: 3, column: 5, endLine: 4, endColumn: 14 }],
    },
    {
      name: 'installer piped to python in a heredoc',
      code: 'FROM python:3.12-slim AS build\nRUN <<EOF\nset -eux\ncurl -sSL https://install.python-poetry.org | python3 -\nEOF\nFROM python:3.12-slim\n',
      errors: [{ line: 4, column: 1, endColumn: 54 }],
    },
    {
      name: 'command substitution',
      code: 'FROM debian:bookworm\nRUN bash -c "$(curl -fsSL https://raw.githubusercontent.com/x/y/HEAD/install.sh)"\n',
      errors: [{ line: 2, column: 5, messageId: 'substituted' }],
    },
  ],
});
