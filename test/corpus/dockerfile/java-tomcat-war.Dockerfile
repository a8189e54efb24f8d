ARG TOMCAT_TAG=10.1-jre21-temurin-jammy
FROM gradle:8.8-jdk21 AS build
WORKDIR /home/gradle/project
COPY --chown=gradle:gradle . .
RUN --mount=type=cache,target=/home/gradle/.gradle/caches \
    gradle --no-daemon war

FROM tomcat:${TOMCAT_TAG}
RUN rm -rf /usr/local/tomcat/webapps/*
COPY --link --from=build /home/gradle/project/build/libs/*.war /usr/local/tomcat/webapps/ROOT.war
ENV CATALINA_OPTS="-XX:MaxRAMPercentage=75"
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s CMD curl -fsS http://localhost:8080/ || exit 1
CMD ["catalina.sh", "run"]
