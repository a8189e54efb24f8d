/**
 * Debug and development-mode switches of frameworks and products, one list for the three targets (a Dockerfile's
 * ENV, a container's env, a Lambda function's environment): which variables turn a debug mode on, with which
 * values, and the value that turns each off.
 */

/**
 * Variables by which a framework selects its environment (`NODE_ENV`, `RAILS_ENV`, `QUART_ENV`), one list for the three
 * targets, with the value a release should carry where the framework has one (`APP_ENV`: Laravel says `production`,
 * Symfony `prod`, so no single value). Each target's rule adds the generic names it judges (`ENVIRONMENT`, `STAGE`).
 */
export const FRAMEWORK_ENVIRONMENTS: Readonly<Record<string, string | undefined>> = {
  NODE_ENV: 'production',
  RAILS_ENV: 'production',
  RACK_ENV: 'production',
  MIX_ENV: 'prod',
  FLASK_ENV: 'production',
  QUART_ENV: 'production',
  SYMFONY_ENV: 'prod',
  ASPNETCORE_ENVIRONMENT: 'Production',
  DOTNET_ENVIRONMENT: 'Production',
  APP_ENV: undefined,
  SPRING_PROFILES_ACTIVE: undefined,
  QUARKUS_PROFILE: undefined,
  MICRONAUT_ENVIRONMENTS: undefined,
};

/** Variables that switch a debug or development mode, and the value that turns it off. */
const SWITCHES: Readonly<Record<string, string>> = {
  DEBUG: 'false',
  APP_DEBUG: 'false',
  FLASK_DEBUG: '0',
  DJANGO_DEBUG: 'False',
  YII_DEBUG: 'false',
  WP_DEBUG: 'false',
  RAILS_DEBUG: 'false',
  POWERTOOLS_DEV: 'false',
  GIN_MODE: 'release',
};

/** A product's own development or debug mode, by the name's last words: `HASURA_GRAPHQL_DEV_MODE`, `APP_DEBUG_MODE`. */
const MODE_SWITCH = /_(?:DEV|DEBUG)_MODE$/;

const ON = /^(?:true|1|yes|on)$/i;

/** The value that turns the switch `name` off (any case of the name), or undefined when `name` is no debug switch. */
export function debugSwitchOff(name: string): string | undefined {
  const upper = name.toUpperCase();
  return SWITCHES[upper] ?? (MODE_SWITCH.test(upper) ? 'false' : undefined);
}

/** True when `value` turns the debug switch `name` on: `true`, `1`, `yes`, `on` (Gin's `GIN_MODE`: `debug`). */
export function debugSwitchOn(name: string, value: string): boolean {
  const v = value.trim();
  return name.toUpperCase() === 'GIN_MODE' ? v === 'debug' : ON.test(v);
}
