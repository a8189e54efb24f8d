FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
COPY pom.xml .
RUN mvn -q dependency:go-offline
COPY src ./src
RUN mvn -q package -DskipTests

FROM eclipse-temurin:17-jre
WORKDIR /opt/app
COPY --from=build /build/target/app.jar app.jar
ENV JAVA_OPTS="-Xms256m -Xmx512m -agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=*:5005"
ENV LOGGING_FILE_NAME=/opt/app/logs/app.log
VOLUME /opt/app/logs
EXPOSE 8080 5005
CMD java $JAVA_OPTS -jar app.jar --server.port=8081
