/**
 * Lambda's managed runtimes that are deprecated, as data: the identifier and the date Lambda
 * deprecated it (the end of security patches and support, from AWS's Lambda runtime deprecation
 * policy). Kept current by hand: when AWS announces or passes a deprecation date, add or edit the
 * line and move `REVIEWED`; a runtime counts as deprecated once its date is on or before `REVIEWED`,
 * so the analysis stays deterministic (it never reads the clock). See the README, "Serverless".
 */

/** The day this table was last checked against AWS's list of deprecated runtimes. */
export const REVIEWED = '2026-11-30';

export interface RuntimeDeprecation {
  runtime: string;
  /** ISO date of the deprecation. */
  deprecated: string;
  /** The runtime of the same language to move to. */
  successor: string;
}

export const DEPRECATED_RUNTIMES: readonly RuntimeDeprecation[] = [
  { runtime: 'nodejs', deprecated: '2016-10-31', successor: 'nodejs22.x' },
  { runtime: 'nodejs4.3', deprecated: '2020-03-05', successor: 'nodejs22.x' },
  { runtime: 'nodejs4.3-edge', deprecated: '2020-03-05', successor: 'nodejs22.x' },
  { runtime: 'nodejs6.10', deprecated: '2019-08-12', successor: 'nodejs22.x' },
  { runtime: 'nodejs8.10', deprecated: '2020-03-06', successor: 'nodejs22.x' },
  { runtime: 'nodejs10.x', deprecated: '2021-07-30', successor: 'nodejs22.x' },
  { runtime: 'nodejs12.x', deprecated: '2023-03-31', successor: 'nodejs22.x' },
  { runtime: 'nodejs14.x', deprecated: '2023-12-04', successor: 'nodejs22.x' },
  { runtime: 'nodejs16.x', deprecated: '2024-06-12', successor: 'nodejs22.x' },
  { runtime: 'nodejs18.x', deprecated: '2025-09-01', successor: 'nodejs22.x' },
  { runtime: 'nodejs20.x', deprecated: '2026-04-30', successor: 'nodejs22.x' },
  { runtime: 'python2.7', deprecated: '2021-07-15', successor: 'python3.13' },
  { runtime: 'python3.6', deprecated: '2022-07-18', successor: 'python3.13' },
  { runtime: 'python3.7', deprecated: '2023-12-04', successor: 'python3.13' },
  { runtime: 'python3.8', deprecated: '2024-10-14', successor: 'python3.13' },
  { runtime: 'python3.9', deprecated: '2025-12-15', successor: 'python3.13' },
  { runtime: 'python3.10', deprecated: '2026-06-30', successor: 'python3.13' },
  { runtime: 'ruby2.5', deprecated: '2021-07-30', successor: 'ruby3.4' },
  { runtime: 'ruby2.7', deprecated: '2023-12-07', successor: 'ruby3.4' },
  { runtime: 'ruby3.2', deprecated: '2026-03-31', successor: 'ruby3.4' },
  { runtime: 'java8', deprecated: '2024-01-08', successor: 'java21' },
  { runtime: 'go1.x', deprecated: '2024-01-08', successor: 'provided.al2023' },
  { runtime: 'provided', deprecated: '2024-01-08', successor: 'provided.al2023' },
  { runtime: 'dotnetcore1.0', deprecated: '2019-06-27', successor: 'dotnet8' },
  { runtime: 'dotnetcore2.0', deprecated: '2019-05-30', successor: 'dotnet8' },
  { runtime: 'dotnetcore2.1', deprecated: '2022-01-05', successor: 'dotnet8' },
  { runtime: 'dotnetcore3.1', deprecated: '2023-04-03', successor: 'dotnet8' },
  { runtime: 'dotnet5.0', deprecated: '2022-05-10', successor: 'dotnet8' },
  { runtime: 'dotnet6', deprecated: '2024-12-20', successor: 'dotnet8' },
  { runtime: 'dotnet7', deprecated: '2024-05-14', successor: 'dotnet8' },
];

const BY_RUNTIME = new Map(DEPRECATED_RUNTIMES.map((r) => [r.runtime, r]));

/** The deprecation of a runtime identifier, when Lambda has deprecated it by `REVIEWED`. */
export function deprecationOf(runtime: string): RuntimeDeprecation | undefined {
  const entry = BY_RUNTIME.get(runtime.trim().toLowerCase());
  return entry && entry.deprecated <= REVIEWED ? entry : undefined;
}

/** Runtimes whose own logging libraries follow `LoggingConfig.LogFormat: JSON` (structured application logs). */
export function supportsJsonLogs(runtime: string): boolean {
  return /^(nodejs\d|python3|java\d|dotnet\d)/.test(runtime.trim().toLowerCase());
}
