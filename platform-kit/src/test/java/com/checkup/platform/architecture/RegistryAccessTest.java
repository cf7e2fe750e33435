package com.checkup.platform.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Nothing in the platform talks to ZooKeeper or Nacos directly: registry, config center and metadata go through
 * Dubbo's abstractions (RegistryFactory, DynamicConfiguration, MetadataReport), so `zookeeper://` locally and
 * `nacos://` in k8s are a matter of configuration. The one exception is the embedded ZooKeeper server tests and
 * `up` run.
 */
class RegistryAccessTest {
    /** An import or a fully qualified use of a ZooKeeper, Curator or Nacos client class. */
    private static final Pattern DIRECT = Pattern.compile("\\b(org\\.apache\\.zookeeper|org\\.apache\\.curator|com\\.alibaba\\.nacos)\\.[A-Za-z]");
    private static final Path EMBEDDED_SERVER = Path.of("platform-kit/src/main/java/com/checkup/platform/embedded/EmbeddedZooKeeper.java");

    @Test
    void noProductionSourceImportsAZooKeeperOrNacosClient() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<Path> sources;
        try (Stream<Path> modules = Files.list(root)) {
            sources = modules.map(m -> m.resolve("src/main/java")).filter(Files::isDirectory)
                    .flatMap(RegistryAccessTest::javaFiles).toList();
        }
        assertThat(sources).as("sources of every module under " + root).hasSizeGreaterThan(100);
        List<String> offenders = sources.stream()
                .filter(p -> !root.relativize(p).equals(EMBEDDED_SERVER))
                .filter(p -> DIRECT.matcher(read(p)).find())
                .map(p -> root.relativize(p).toString()).toList();
        assertThat(offenders).as("sources importing a ZooKeeper, Curator or Nacos client").isEmpty();
    }

    private static Stream<Path> javaFiles(Path dir) {
        try {
            return Files.walk(dir).filter(p -> p.toString().endsWith(".java")).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
