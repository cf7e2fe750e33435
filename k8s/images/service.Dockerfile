# syntax=docker/dockerfile:1
# The image of a Checkup service (Spring Boot 3.5, Java 17 bytecode), from the fat jar the Maven build makes
# (<module>/target/<module>.jar): `k8s/images/build.sh` builds every one. NOT BUILT on the machines this was written on
# (no Docker engine there); k8s/check runs this file's extraction on the real jars and checks that the COPY lines
# below are exactly the jar's layers, in the jar's order, and that the ENTRYPOINT's launcher class is in them.
# The base image tag is pinned but could not be pulled here: check that it exists before the first build.

FROM eclipse-temurin:17.0.15_6-jre-jammy AS build
WORKDIR /build
ARG JAR
COPY ${JAR} app.jar
# Spring Boot's own layer tool: one directory per layer of BOOT-INF/layers.idx, with the launcher (--launcher), so the
# image runs the exploded jar through JarLauncher
RUN java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted

FROM eclipse-temurin:17.0.15_6-jre-jammy
# a numeric non-root user: Kubernetes checks runAsNonRoot against the number (the manifests run as 10001 too)
RUN groupadd --system --gid 10001 checkup \
 && useradd --system --uid 10001 --gid 10001 --home-dir /tmp --no-create-home --shell /usr/sbin/nologin checkup
WORKDIR /app
# one image layer per jar layer, least often changed first: a new build of the service ships only the last ones
COPY --from=build /build/extracted/dependencies/ ./
COPY --from=build /build/extracted/spring-boot-loader/ ./
COPY --from=build /build/extracted/snapshot-dependencies/ ./
COPY --from=build /build/extracted/application/ ./
USER 10001:10001
EXPOSE 8080 20880
# Heap from the container's memory limit (50 %), Netty's and gRPC's direct buffers capped at 128 MB, the rest for
# metaspace, code cache and threads;
# -Duser.home=/tmp: nacos-client's logs and snapshots and Dubbo's cache go to the /tmp volume (the root filesystem is
# read-only); --add-opens: Dubbo generates classes with javassist. More flags: JAVA_TOOL_OPTIONS in the Deployment.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=50", "-XX:MaxDirectMemorySize=128m", "-XX:+ExitOnOutOfMemoryError", "-Xss512k", "--add-opens", "java.base/java.lang=ALL-UNNAMED", "-Djava.net.preferIPv4Stack=true", "-Duser.home=/tmp", "-Djava.io.tmpdir=/tmp", "org.springframework.boot.loader.launch.JarLauncher"]
