package com.checkup.localplatform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Spring Boot-shaped jar run unpacked with a class-data archive, by real JVMs. */
class UnpackedJarTest {
    @TempDir
    Path dir;

    @org.junit.jupiter.api.BeforeAll
    static void switchedOn() {
        System.setProperty(UnpackedJar.SWITCH, "true"); // off by default until the e2e suite passes with it
    }

    @org.junit.jupiter.api.AfterAll
    static void switchedBack() {
        System.clearProperty(UnpackedJar.SWITCH);
    }

    private final String java = PlatformConfig.javaExecutable();

    @Test
    void theFirstRunWritesAnArchiveThatLaterRunsMap() throws Exception {
        Path jar = bootJar("svc.jar");
        List<String> first = UnpackedJar.expand(List.of(java, "-Xmx64m", "-jar", jar.toString(), "one"));
        assertThat(first).noneMatch(a -> a.equals("-jar")).anyMatch(a -> a.startsWith("-XX:ArchiveClassesAtExit="))
                .contains(CdsProbe.class.getName(), "one").startsWith(java, "-Xmx64m").endsWith("one");
        assertThat(run(first)).isEqualTo("probe ran one with from the library");
        Path build = onlyBuild(jar);
        Path dump = dumps(build).get(0);
        settle(dump);

        List<String> second = UnpackedJar.expand(List.of(java, "-jar", jar.toString(), "two"));
        assertThat(second).contains("-XX:SharedArchiveFile=" + build.resolve("classes.jsa"));
        assertThat(dumps(build)).isEmpty();
        // -Xshare:on: the JVM fails instead of starting without the archive when it cannot map it.
        List<String> strict = new ArrayList<>(second);
        strict.add(1, "-Xshare:on");
        assertThat(run(strict)).isEqualTo("probe ran two with from the library");
    }

    @Test
    void aDumpCutShortIsRefusedAndTheNextRunWritesAnother() throws Exception {
        Path jar = bootJar("svc.jar");
        run(UnpackedJar.expand(List.of(java, "-jar", jar.toString())));
        Path build = onlyBuild(jar);
        Path dump = dumps(build).get(0);
        byte[] whole = Files.readAllBytes(dump);
        Files.write(dump, Arrays.copyOf(whole, whole.length / 2)); // killed while writing
        settle(dump);

        List<String> next = UnpackedJar.expand(List.of(java, "-jar", jar.toString()));
        assertThat(next).anyMatch(a -> a.startsWith("-XX:ArchiveClassesAtExit="));
        assertThat(build.resolve("classes.jsa")).doesNotExist();
        assertThat(dumps(build)).isEmpty();
        try (Stream<Path> s = Files.list(build)) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("crash") || n.startsWith("hs_err"));
        }
        try (Stream<Path> s = Files.list(Path.of("."))) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("hs_err"));
        }
        assertThat(run(next)).startsWith("probe ran");
    }

    @Test
    void aChangedBuildIsUnpackedAfreshAndTheOldOneRemoved() throws Exception {
        Path jar = bootJar("svc.jar", "from the library");
        UnpackedJar.expand(List.of(java, "-jar", jar.toString()));
        Path old = onlyBuild(jar);
        // Repackaged with the same content (Maven does so on every package): the unpacked copy and its archive stay.
        bootJar("svc.jar", "from the library");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 60_000));
        UnpackedJar.expand(List.of(java, "-jar", jar.toString()));
        assertThat(onlyBuild(jar)).isEqualTo(old);

        bootJar("svc.jar", "from the library, changed");
        List<String> args = UnpackedJar.expand(List.of(java, "-jar", jar.toString()));
        assertThat(old).doesNotExist();
        assertThat(onlyBuild(jar)).isNotEqualTo(old);
        assertThat(run(args)).startsWith("probe ran");
    }

    @Test
    void aJarThatIsNoSpringBootJarStartsAsBefore() throws Exception {
        Path plain = dir.resolve("plain.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(plain), new Manifest())) {
            out.putNextEntry(new ZipEntry("x.txt"));
            out.write(1);
        }
        List<String> cmd = List.of(java, "-jar", plain.toString(), "--a");
        assertThat(UnpackedJar.expand(cmd)).isEqualTo(cmd);
        List<String> noJar = List.of(java, "-cp", "x", "Main");
        assertThat(UnpackedJar.expand(noJar)).isSameAs(noJar);
    }

    /** BOOT-INF/classes with the probe, BOOT-INF/lib with a library jar, the class-path index, Start-Class. */
    private Path bootJar(String name) throws IOException {
        return bootJar(name, "from the library");
    }

    private Path bootJar(String name, String libraryText) throws IOException {
        Path lib = dir.resolve("probe-lib.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(lib))) {
            ZipEntry text = new ZipEntry("probe-lib.txt");
            text.setTime(0); // the same jar for the same text, whenever it is built
            out.putNextEntry(text);
            out.write(libraryText.getBytes(StandardCharsets.UTF_8));
        }
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        mf.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "org.springframework.boot.loader.launch.JarLauncher");
        mf.getMainAttributes().putValue("Start-Class", CdsProbe.class.getName());
        Path jar = dir.resolve("target").resolve(name);
        Files.createDirectories(jar.getParent());
        String classFile = CdsProbe.class.getName().replace('.', '/') + ".class";
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), mf);
             InputStream probe = CdsProbe.class.getClassLoader().getResourceAsStream(classFile)) {
            String pkg = "BOOT-INF/classes/";
            for (String part : classFile.substring(0, classFile.lastIndexOf('/')).split("/")) {
                pkg += part + "/";
                out.putNextEntry(new ZipEntry(pkg)); // directory entries, as Spring Boot's repackager writes them
            }
            out.putNextEntry(new ZipEntry("BOOT-INF/classes/" + classFile));
            probe.transferTo(out);
            // The application's META-INF stays at the root of a Spring Boot jar, next to the loader.
            out.putNextEntry(new ZipEntry("META-INF/dubbo/"));
            out.putNextEntry(new ZipEntry("META-INF/dubbo/probe.Filter"));
            out.write("probe=com.checkup.localplatform.CdsProbe\n".getBytes(StandardCharsets.UTF_8));
            out.putNextEntry(new ZipEntry("BOOT-INF/lib/probe-lib.jar"));
            out.write(Files.readAllBytes(lib));
            out.putNextEntry(new ZipEntry("BOOT-INF/classpath.idx"));
            out.write("- \"BOOT-INF/lib/probe-lib.jar\"\n".getBytes(StandardCharsets.UTF_8));
        }
        return jar;
    }

    private static String run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    private Path onlyBuild(Path jar) throws IOException {
        try (Stream<Path> s = Files.list(jar.getParent().resolve("unpacked").resolve("svc"))) {
            List<Path> builds = s.toList();
            assertThat(builds).hasSize(1);
            return builds.get(0);
        }
    }

    private static List<Path> dumps(Path build) throws IOException {
        try (Stream<Path> s = Files.list(build)) {
            return s.filter(p -> p.getFileName().toString().startsWith("dump-")).toList();
        }
    }

    /** As if the run that wrote it stopped a while ago. */
    private static void settle(Path dump) throws IOException {
        Files.setLastModifiedTime(dump, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
    }
}
