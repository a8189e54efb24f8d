/**
 * What a build stage's name says it is for. A Dockerfile often ends with a stage for local work or tests
 * (`FROM release AS debug`, `FROM builder AS development`) that the project builds with `--target`, while the image
 * it ships is an earlier stage named as the release (`AS production`, `AS runtime`).
 *
 * Pure: no I/O.
 */

/** The words that name a development build: `dev`, `develop`, `development`, `local`, `debug`, and PHP's `xdebug`. */
const DEVELOPMENT_WORDS = 'dev|develop|development|local|debug|xdebug';

/**
 * `Dockerfile.dev`, `Dockerfile-debug`, `Dockerfile.xdebug`, `dev.Dockerfile`, `local-dockerfile`: a Dockerfile for development by its name;
 * also `Dockerfile-tools` beside a plain one (IBM's generated Node projects: the image that runs the debugger). A
 * stage named `tools` is not one: it is the build's own tools.
 */
export const DEVELOPMENT_DOCKERFILE = new RegExp(`^(Dockerfile|Containerfile)[.\\-_](${DEVELOPMENT_WORDS}|tools)$|(^|[.\\-_])(${DEVELOPMENT_WORDS})[.\\-_]?(Dockerfile|Containerfile)$`, 'i');

/** A stage name that is one of those words, alone or between separators (`debug`, `dev-server`, `build.local`). */
export const DEVELOPMENT_STAGE = new RegExp(`(^|[.\\-_])(${DEVELOPMENT_WORDS})([.\\-_]|$)`);

/** A stage for tests or checks, alone or between separators (`test`, `testing`, `unit-tests`, `ci`, `lint`). */
const TEST_STAGE = /(^|[.\-_])(test|tests|testing|e2e|ci|lint|check)([.\-_]|$)/;

/** A stage named as the image that ships (`production`, `prod`, `release`, `runtime`, `final`, `prod-runtime`). */
const RELEASE_STAGE = /(^|[.\-_])(production|prod|release|runtime|final)([.\-_]|$)/;

/** True when a stage's name says it is for development or tests, not for shipping. Names are lower case. */
export function isDevelopmentOrTestStage(name: string | undefined): boolean {
  return name !== undefined && (DEVELOPMENT_STAGE.test(name) || TEST_STAGE.test(name));
}

/** True when a stage's name says it is the image that ships. Names are lower case. */
export function isReleaseStage(name: string | undefined): boolean {
  return name !== undefined && RELEASE_STAGE.test(name) && !isDevelopmentOrTestStage(name);
}
