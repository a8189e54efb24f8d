/**
 * The yaml package reports each problem as an `Error` subclass, and V8 records a stack trace for every
 * one: on a broken file with thousands of problems inside deep nesting, recording those traces cost
 * more than the parse (fuzz seed 8086: 168 lines of 440 nested `[` took 2.6 s, 2.7 s of it in
 * `YAMLError`). The parse problems keep their message and position, which is all we report, so the
 * traces are not recorded while the yaml package parses.
 *
 * Pure: no I/O.
 */
export function withoutStackTraces<T>(parse: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return parse();
  } finally {
    Error.stackTraceLimit = limit;
  }
}
