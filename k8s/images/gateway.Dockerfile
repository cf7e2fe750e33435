# syntax=docker/dockerfile:1
# The image of bff-gateway (ShenYu on Spring Boot 2.3, Java 11 bytecode, repackaged by spring-boot-maven-plugin 2.7,
# which makes a layered jar), running on JRE 17. It also serves the web clients (checkup-web is inside the jar).
# Built by `k8s/images/build.sh`. NOT BUILT on the machines this was written on (no Docker engine there); k8s/check
# runs this file's extraction on the real jar and checks that the COPY lines below are exactly the jar's layers, in the
# jar's order, and that the ENTRYPOINT's launcher class is in them.
# The base image tag is pinned but could not be pulled here: check that it exists before the first build.

FROM eclipse-temurin:17.0.15_6-jre-jammy AS build
WORKDIR /build
ARG JAR
COPY ${JAR} app.jar
# the layer tool of Spring Boot 2.x jars (layertools): one directory per layer, the launcher classes in spring-boot-loader
RUN java -Djarmode=layertools -jar app.jar extract --destination extracted

FROM eclipse-temurin:17.0.15_6-jre-jammy
RUN groupadd --system --gid 10001 checkup \
 && useradd --system --uid 10001 --gid 10001 --home-dir /tmp --no-create-home --shell /usr/sbin/nologin checkup
WORKDIR /app
COPY --from=build /build/extracted/dependencies/ ./
COPY --from=build /build/extracted/spring-boot-loader/ ./
COPY --from=build /build/extracted/snapshot-dependencies/ ./
COPY --from=build /build/extracted/application/ ./
USER 10001:10001
EXPOSE 8080
# as the services' image (service.Dockerfile); the launcher of Boot 2.x jars is org.springframework.boot.loader.JarLauncher
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=50", "-XX:MaxDirectMemorySize=128m", "-XX:+ExitOnOutOfMemoryError", "-Xss512k", "--add-opens", "java.base/java.lang=ALL-UNNAMED", "-Djava.net.preferIPv4Stack=true", "-Duser.home=/tmp", "-Djava.io.tmpdir=/tmp", "org.springframework.boot.loader.JarLauncher"]
