/**
 * JVM build files (Gradle's `build.gradle(.kts)`, Maven's `pom.xml`) as the build context offers them: whether the
 * application they build declares a framework that serves network requests. The caller reads the files (see
 * build-context.ts); this reads text only, with fixed patterns.
 */

/**
 * Artifacts that make an application serve: web frameworks and embedded servers. gRPC's transports (`grpc-netty`,
 * `grpc-services`) are not among them: clients need them as much as servers do.
 */
const SERVING_ARTIFACT = /\b(spring-boot-starter-(web|webflux|jersey|tomcat|jetty|undertow|reactor-netty|websocket|graphql|rsocket)|spring-webmvc|spring-webflux|ktor-server-[a-z]+|micronaut-http-server(-netty)?|micronaut-grpc-server-runtime|quarkus-(resteasy|rest|vertx-http|undertow|reactive-routes|grpc|websockets|smallrye-graphql)|vertx-web|javalin|spark-core|dropwizard-core|helidon-webserver|jetty-server|undertow-core|tomcat-embed-core|jersey-container-[a-z-]+|http4k-server-[a-z]+|armeria|akka-http|pekko-http|reactor-netty-http|netty-codec-http|grpc-servlet|grpc-spring-boot-starter|grpc-server-spring-boot-starter|jooby|play-server|finatra-http)\b/;

/** What a build file leaves to other files: version catalogs, other projects, applied scripts, parent POMs, modules. */
const GRADLE_ELSEWHERE = /\blibs\.|\bproject\(|\bapply[\s(]*from\b|\b(subprojects|allprojects)\b/;
const MAVEN_ELSEWHERE = /<modules>/;

/**
 * What a JVM build file says about serving: `serves` when it declares a web framework or embedded server, `none`
 * when it declares its dependencies itself and none of them serves, undefined when it cannot tell (no dependencies
 * listed, or dependencies that come from a catalog, another project or a parent POM other than Spring Boot's).
 */
export function jvmServing(name: string, text: string): 'serves' | 'none' | undefined {
  if (SERVING_ARTIFACT.test(text)) return 'serves';
  if (name === 'pom.xml') {
    if (!text.includes('<dependencies>') || MAVEN_ELSEWHERE.test(text)) return undefined;
    const open = text.indexOf('<parent>');
    const close = open < 0 ? -1 : text.indexOf('</parent>', open);
    if (open >= 0 && !text.slice(open, close < 0 ? text.length : close).includes('spring-boot-starter-parent')) return undefined;
    return 'none';
  }
  if (!/\bdependencies\s*\{/.test(text) || GRADLE_ELSEWHERE.test(text)) return undefined;
  return 'none';
}

/** The build files a JVM build tool reads in its working directory, by the tool's program name. */
export const JVM_BUILD_FILES: ReadonlyMap<string, readonly string[]> = new Map([
  ['gradle', ['build.gradle.kts', 'build.gradle']],
  ['gradlew', ['build.gradle.kts', 'build.gradle']],
  ['mvn', ['pom.xml']],
  ['mvnw', ['pom.xml']],
]);
