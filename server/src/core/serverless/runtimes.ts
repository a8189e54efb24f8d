/**
 * Lambda's managed runtimes as data: every identifier Lambda has had, with the date Lambda deprecated
 * it or has announced it will (the end of security patches and support, from AWS's Lambda runtime
 * deprecation policy). Kept current by hand: when AWS announces or passes a deprecation date, or adds a
 * runtime, add or edit the line and move `REVIEWED`; a runtime counts as deprecated once its date is on
 * or before `REVIEWED`, so the analysis stays deterministic (it never reads the clock). See the README,
 * "Serverless templates".
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

/** A runtime identifier Lambda has offered, with its deprecation date once AWS has set one. */
export interface LambdaRuntime {
  runtime: string;
  /** ISO date of the deprecation (past, or announced); undefined while AWS names none we could confirm. */
  deprecated?: string;
  successor: string;
  /**
   * Lambda writes the function's application logs as JSON under `LoggingConfig.LogFormat: JSON` when they go through
   * the runtime's built-in logger (Node.js `console`, Python `logging`, Java `LambdaLogger`/Log4j2, .NET `ILambdaLogger`).
   * AWS's "Configuring JSON and plain text log formats" lists Node.js 16 and later, Python 3.8 and later, every Java
   * runtime but `java8` (Amazon Linux 1) and .NET 8 and later; on the others only Lambda's own platform lines follow it.
   */
  jsonLogs?: true;
}

const NODE = 'nodejs24.x';
const PYTHON = 'python3.14';
const JAVA = 'java25';
const DOTNET = 'dotnet10';
const RUBY = 'ruby3.4';
const OS_ONLY = 'provided.al2023';

/**
 * Every runtime identifier Lambda has had. An identifier missing here (a newer runtime, a typo, another
 * provider's name) is unknown and never reported. Runtimes on Amazon Linux 2 whose language is still
 * supported upstream (`java8.al2`, `java11`, `java17`, `python3.11`, `provided.al2`) carry no date: AWS keeps
 * patching them past Amazon Linux 2's end of life and named no firm deprecation date we could confirm on
 * `REVIEWED`; add it when AWS does.
 */
export const LAMBDA_RUNTIMES: readonly LambdaRuntime[] = [
  { runtime: 'nodejs', deprecated: '2016-10-31', successor: NODE },
  { runtime: 'nodejs4.3', deprecated: '2020-03-05', successor: NODE },
  { runtime: 'nodejs4.3-edge', deprecated: '2020-03-05', successor: NODE },
  { runtime: 'nodejs6.10', deprecated: '2019-08-12', successor: NODE },
  { runtime: 'nodejs8.10', deprecated: '2020-03-06', successor: NODE },
  { runtime: 'nodejs10.x', deprecated: '2021-07-30', successor: NODE },
  { runtime: 'nodejs12.x', deprecated: '2023-03-31', successor: NODE },
  { runtime: 'nodejs14.x', deprecated: '2023-12-04', successor: NODE },
  { runtime: 'nodejs16.x', deprecated: '2024-06-12', successor: NODE, jsonLogs: true },
  { runtime: 'nodejs18.x', deprecated: '2025-09-01', successor: NODE, jsonLogs: true },
  { runtime: 'nodejs20.x', deprecated: '2026-04-30', successor: NODE, jsonLogs: true },
  { runtime: 'nodejs22.x', deprecated: '2027-04-30', successor: NODE, jsonLogs: true },
  { runtime: 'nodejs24.x', deprecated: '2028-04-30', successor: NODE, jsonLogs: true },
  { runtime: 'python2.7', deprecated: '2021-07-15', successor: PYTHON },
  { runtime: 'python3.6', deprecated: '2022-07-18', successor: PYTHON },
  { runtime: 'python3.7', deprecated: '2023-12-04', successor: PYTHON },
  { runtime: 'python3.8', deprecated: '2024-10-14', successor: PYTHON, jsonLogs: true },
  { runtime: 'python3.9', deprecated: '2025-12-15', successor: PYTHON, jsonLogs: true },
  { runtime: 'python3.10', deprecated: '2026-06-30', successor: PYTHON, jsonLogs: true },
  { runtime: 'python3.11', successor: PYTHON, jsonLogs: true },
  { runtime: 'python3.12', deprecated: '2028-10-31', successor: PYTHON, jsonLogs: true },
  { runtime: 'python3.13', deprecated: '2029-06-30', successor: PYTHON, jsonLogs: true },
  { runtime: 'python3.14', deprecated: '2029-06-30', successor: PYTHON, jsonLogs: true },
  { runtime: 'java8', deprecated: '2024-01-08', successor: JAVA },
  { runtime: 'java8.al2', successor: JAVA, jsonLogs: true },
  { runtime: 'java11', successor: JAVA, jsonLogs: true },
  { runtime: 'java17', successor: JAVA, jsonLogs: true },
  { runtime: 'java21', deprecated: '2029-06-30', successor: JAVA, jsonLogs: true },
  { runtime: 'java25', deprecated: '2029-06-30', successor: JAVA, jsonLogs: true },
  { runtime: 'dotnetcore1.0', deprecated: '2019-06-27', successor: DOTNET },
  { runtime: 'dotnetcore2.0', deprecated: '2019-05-30', successor: DOTNET },
  { runtime: 'dotnetcore2.1', deprecated: '2022-01-05', successor: DOTNET },
  { runtime: 'dotnetcore3.1', deprecated: '2023-04-03', successor: DOTNET },
  { runtime: 'dotnet5.0', deprecated: '2022-05-10', successor: DOTNET },
  { runtime: 'dotnet6', deprecated: '2024-12-20', successor: DOTNET },
  { runtime: 'dotnet7', deprecated: '2024-05-14', successor: DOTNET },
  { runtime: 'dotnet8', deprecated: '2026-11-10', successor: DOTNET, jsonLogs: true },
  { runtime: 'dotnet10', deprecated: '2028-11-14', successor: DOTNET, jsonLogs: true },
  { runtime: 'go1.x', deprecated: '2024-01-08', successor: OS_ONLY },
  { runtime: 'ruby2.5', deprecated: '2021-07-30', successor: RUBY },
  { runtime: 'ruby2.7', deprecated: '2023-12-07', successor: RUBY },
  { runtime: 'ruby3.2', deprecated: '2026-03-31', successor: RUBY },
  { runtime: 'ruby3.3', deprecated: '2027-03-31', successor: RUBY },
  { runtime: 'ruby3.4', deprecated: '2028-03-31', successor: RUBY },
  { runtime: 'provided', deprecated: '2024-01-08', successor: OS_ONLY },
  { runtime: 'provided.al2', successor: OS_ONLY },
  { runtime: 'provided.al2023', deprecated: '2029-06-30', successor: OS_ONLY },
];

/** The runtimes deprecated by `REVIEWED`. */
export const DEPRECATED_RUNTIMES: readonly RuntimeDeprecation[] = LAMBDA_RUNTIMES.filter(
  (r): r is RuntimeDeprecation => r.deprecated !== undefined && r.deprecated <= REVIEWED,
);

const BY_RUNTIME = new Map(DEPRECATED_RUNTIMES.map((r) => [r.runtime, r]));

/** The deprecation of a runtime identifier, when Lambda has deprecated it by `REVIEWED`; unknown identifiers have none. */
export function deprecationOf(runtime: string): RuntimeDeprecation | undefined {
  return BY_RUNTIME.get(runtime.trim().toLowerCase());
}

const ALL_BY_RUNTIME = new Map(LAMBDA_RUNTIMES.map((r) => [r.runtime, r]));

/**
 * Runtimes whose own logging follows `LoggingConfig.LogFormat: JSON` (structured application logs): those marked
 * `jsonLogs` in `LAMBDA_RUNTIMES`. Unknown identifiers do not.
 */
export function supportsJsonLogs(runtime: string): boolean {
  return ALL_BY_RUNTIME.get(runtime.trim().toLowerCase())?.jsonLogs === true;
}
