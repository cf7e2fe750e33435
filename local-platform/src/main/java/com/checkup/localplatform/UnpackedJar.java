package com.checkup.localplatform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.Collections;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

/**
 * How a service's Spring Boot jar is started fast: unpacked once per build into plain class-path entries (no nested-jar
 * class loader), with a class-data-sharing archive of the classes its last run loaded. Seven JVMs starting at once on
 * two cores spend much of their time loading, parsing and verifying the same classes; the archive maps them instead.
 *
 * <p>JDK 17 writes a dynamic archive only when a JVM exits ({@code -XX:ArchiveClassesAtExit}), so the first run of a
 * build writes one when it is stopped (its own file: two instances of a service may run at once) and later runs use
 * it. An archive that does not match (another JDK, another class path) is ignored by the JVM, which then starts as
 * usual. A new build unpacks into a new directory and the old one is deleted.
 *
 * <p>Unpacked next to the jar ({@code target/unpacked/<module>/<build>/}): {@code mvn clean} removes it with the jar.
 */
final class UnpackedJar {
    /**
     * Off by default: with it on, the e2e suite failed (services saw no signed caller on gateway calls; not yet
     * explained). {@code CHECKUP_LAUNCHER_OPTS=-Dcheckup.unpacked-jars=true ./checkup up} turns it on.
     */
    static final String SWITCH = "checkup.unpacked-jars";
    private static final String ARCHIVE = "classes.jsa";
    /** A dump not touched for this long is complete: the JVM writes it in one go when it exits. */
    private static final long SETTLED_MILLIS = 5_000;

    private UnpackedJar() {
    }

    /**
     * The command line with its {@code -jar <jar>} replaced by {@link #launchArgs} (decided at each start: a restart
     * uses the archive its predecessor left). Unpacked next to the jar, in {@code target/unpacked/}.
     */
    static List<String> expand(List<String> command) {
        int at = command.indexOf("-jar");
        if (!Boolean.parseBoolean(System.getProperty(SWITCH, "false")) || at < 1 || at + 1 >= command.size()) {
            return command;
        }
        Path jar = Path.of(command.get(at + 1));
        Path parent = jar.toAbsolutePath().getParent();
        List<String> out = new ArrayList<>(command.subList(0, at));
        // The heap, GC and compiler flags decide whether an archive maps; -D and --add-opens do not matter.
        List<String> jvmFlags = command.subList(1, at).stream().filter(a -> a.startsWith("-XX:") || a.startsWith("-Xm")).toList();
        out.addAll(launchArgs(jar, parent.resolve("unpacked"), command.get(0), jvmFlags));
        out.addAll(command.subList(at + 2, command.size()));
        return out;
    }

    /**
     * The java arguments that replace {@code -jar <jar>}: CDS flags, {@code -cp ...} and the main class. Falls back to
     * {@code -jar} when the jar is not a Spring Boot jar or cannot be unpacked (the service starts either way).
     */
    static List<String> launchArgs(Path jar, Path cache, String javaExe, List<String> jvmFlags) {
        try {
            Path dir = unpack(jar, cache);
            List<String> args = new ArrayList<>();
            Path archive = dir.resolve(ARCHIVE);
            if (Files.isRegularFile(archive) || adoptSettledDump(dir, archive, javaExe, jvmFlags)) {
                args.add("-XX:SharedArchiveFile=" + archive);
            } else if (Files.isWritable(dir)) {
                // With its checksum, so that a dump cut short is refused when it is checked (adoptSettledDump).
                args.add("-XX:ArchiveClassesAtExit=" + dir.resolve("dump-" + UUID.randomUUID() + ".jsa"));
                args.add("-XX:+VerifySharedSpaces");
            }
            // Classes the archive cannot hold are reported one per line at warning level: not the service's news.
            args.add("-Xlog:cds*=error");
            args.add("@" + dir.resolve("classpath.args"));
            args.add(Files.readString(dir.resolve("main-class")).strip());
            return args;
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            return List.of("-jar", jar.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of("-jar", jar.toString());
        }
    }

    private static Path unpack(Path jar, Path cache) throws IOException {
        String build = contentKey(jar);
        String name = jar.getFileName().toString().replaceFirst("\\.jar$", "");
        Path home = cache.resolve(name);
        Path dir = home.resolve(build);
        if (Files.isRegularFile(dir.resolve("main-class"))) {
            return dir;
        }
        Files.createDirectories(home);
        Path tmp = home.resolve(".unpacking-" + UUID.randomUUID());
        try {
            unpackInto(jar, tmp, dir);
        } catch (IOException | RuntimeException e) {
            deleteTree(tmp);
            throw e;
        }
        try {
            Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException raced) {
            // Another start of the same build unpacked it first (Linux reports a plain FileSystemException).
            if (!Files.isRegularFile(dir.resolve("main-class"))) {
                throw raced;
            }
        } finally {
            deleteTree(tmp);
        }
        // Earlier builds of this service: their archives cannot match the new classes.
        try (Stream<Path> old = Files.list(home)) {
            old.filter(p -> !p.equals(dir) && !inUse(p)).forEach(UnpackedJar::deleteTree);
        }
        return dir;
    }

    /** The jar's classes as {@code app.jar}, its libraries in {@code lib/}, the class path and main class, into tmp. */
    private static void unpackInto(Path jar, Path tmp, Path dir) throws IOException {
        try (JarFile jf = new JarFile(jar.toFile())) {
            Manifest mf = jf.getManifest();
            String main = mf == null ? null : mf.getMainAttributes().getValue("Start-Class");
            if (main == null) {
                throw new IllegalStateException(jar + " is not a Spring Boot jar (no Start-Class)");
            }
            List<String> libs = new ArrayList<>();
            Files.createDirectories(tmp.resolve("lib"));
            // The application's own classes go into a jar of their own: CDS refuses a non-empty directory on the path.
            try (JarOutputStream app = new JarOutputStream(Files.newOutputStream(tmp.resolve("app.jar")))) {
                java.util.Set<String> written = new java.util.HashSet<>();
                // First the fat jar's root, as `java -jar` has it on the class path ahead of BOOT-INF (parent first):
                // Spring Boot's repackager leaves the application's META-INF there (its Dubbo SPI files,
                // spring.factories), next to the loader and the loader's own service files. Without them the gateway
                // ran without its call filter: no caller identity on its Dubbo calls.
                for (JarEntry e : Collections.list(jf.entries())) {
                    String n = e.getName();
                    if (safe(n) && !n.startsWith("BOOT-INF/") && !n.equals("META-INF/MANIFEST.MF") && !signature(n)) {
                        copy(jf, e, n, app, written);
                    }
                }
                for (JarEntry e : Collections.list(jf.entries())) {
                    String n = e.getName();
                    if (!safe(n)) {
                        continue;
                    }
                    if (n.startsWith("BOOT-INF/classes/") && n.length() > "BOOT-INF/classes/".length()) {
                        // Directory entries too: class-path scanning (Spring's component scan, MyBatis' mapper scan,
                        // Dubbo's @DubboService scan, Flyway's migrations) lists a package through them.
                        copy(jf, e, n.substring("BOOT-INF/classes/".length()), app, written);
                    } else if (!e.isDirectory() && n.startsWith("BOOT-INF/lib/") && n.endsWith(".jar") && n.indexOf('/', "BOOT-INF/lib/".length()) < 0) {
                        Path target = tmp.resolve("lib").resolve(n.substring("BOOT-INF/lib/".length()));
                        try (InputStream in = jf.getInputStream(e)) {
                            Files.copy(in, target);
                        }
                        // A fixed time: the archive checks the class path's jars by size and modification time.
                        Files.setLastModifiedTime(target, FileTime.fromMillis(e.getTime()));
                        libs.add(n);
                    }
                }
            }
            List<String> order = classpathIndex(jf, libs);
            StringBuilder cp = new StringBuilder(quoted(dir.resolve("app.jar")));
            for (String lib : order) {
                cp.append(java.io.File.pathSeparator).append(quoted(dir.resolve("lib").resolve(lib.substring("BOOT-INF/lib/".length()))));
            }
            Files.writeString(tmp.resolve("classpath.args"), "-cp \"" + cp + "\"\n", StandardCharsets.UTF_8);
            Files.writeString(tmp.resolve("main-class"), main + "\n", StandardCharsets.UTF_8);
        }
    }

    private static boolean safe(String name) {
        return !(name.startsWith("/") || name.equals("..") || name.startsWith("../") || name.contains("/../"));
    }

    private static boolean signature(String name) {
        return name.matches("META-INF/[^/]+\\.(SF|RSA|DSA|EC)");
    }

    /** One entry into app.jar under {@code name}; a name already written (the root's, which wins) is skipped. */
    private static void copy(JarFile jf, JarEntry e, String name, JarOutputStream app, java.util.Set<String> written)
            throws IOException {
        if (!written.add(name)) {
            return;
        }
        ZipEntry copy = new ZipEntry(name);
        copy.setTime(e.getTime());
        app.putNextEntry(copy);
        if (!e.isDirectory()) {
            try (InputStream in = jf.getInputStream(e)) {
                in.transferTo(app);
            }
        }
        app.closeEntry();
    }

    /**
     * What the jar holds, from its directory alone (names, sizes and CRCs; no entry is read): a rebuild that changed
     * nothing (Maven repackages on every {@code package}) keeps the unpacked copy and its archive.
     */
    private static String contentKey(Path jar) throws IOException {
        java.security.MessageDigest sha;
        try {
            sha = java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        // The JDK too: an archive of another JDK would be refused at every start.
        sha.update((System.getProperty("java.home") + "|" + Runtime.version()).getBytes(StandardCharsets.UTF_8));
        try (JarFile jf = new JarFile(jar.toFile(), false)) {
            for (JarEntry e : Collections.list(jf.entries())) {
                sha.update(e.getName().getBytes(StandardCharsets.UTF_8));
                sha.update(java.nio.ByteBuffer.allocate(16).putLong(e.getCrc()).putLong(e.getSize()).flip());
            }
        }
        return java.util.HexFormat.of().formatHex(sha.digest(), 0, 10);
    }

    /** Maven's class-path order as the jar records it (the first of two same-named classes wins, as with {@code -jar}). */
    private static List<String> classpathIndex(JarFile jf, List<String> libs) throws IOException {
        ZipEntry idx = jf.getEntry("BOOT-INF/classpath.idx");
        if (idx == null) {
            return libs;
        }
        List<String> order = new ArrayList<>();
        try (InputStream in = jf.getInputStream(idx)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String entry = line.strip().replaceFirst("^- ", "").replace("\"", "");
                if (!entry.isEmpty()) {
                    order.add(entry.startsWith("BOOT-INF/lib/") ? entry : "BOOT-INF/lib/" + entry);
                }
            }
        }
        libs.stream().filter(l -> !order.contains(l)).forEach(order::add);
        order.retainAll(libs);
        return order;
    }

    /**
     * The newest dump a stopped run finished writing becomes the archive, once a JVM has mapped it with its checksum
     * checked (a run killed while writing leaves a dump that fails here); the others go.
     */
    private static boolean adoptSettledDump(Path dir, Path archive, String javaExe, List<String> jvmFlags) throws IOException, InterruptedException {
        long now = System.currentTimeMillis();
        List<Path> dumps;
        try (Stream<Path> s = Files.list(dir)) {
            dumps = s.filter(p -> p.getFileName().toString().startsWith("dump-")).toList();
        }
        Path newest = dumps.stream()
                .filter(p -> now - lastModified(p) > SETTLED_MILLIS && size(p) > 0)
                .max(Comparator.comparingLong(UnpackedJar::lastModified)).orElse(null);
        if (newest == null) {
            return false;
        }
        // A truncated archive crashes the JVM that maps it (SIGBUS while checking it): better this throw-away one,
        // whose crash report goes next to the dump and is deleted with it.
        Path crashReport = dir.resolve("probe-crash.log");
        List<String> probeCmd = new ArrayList<>(List.of(javaExe));
        probeCmd.addAll(jvmFlags); // the service's heap and GC flags: the archive must match them
        probeCmd.addAll(List.of("-Xshare:on", "-XX:+VerifySharedSpaces", "-XX:SharedArchiveFile=" + newest,
                "-XX:ErrorFile=" + crashReport, "-XX:-CreateCoredumpOnCrash", "@" + dir.resolve("classpath.args"), "-version"));
        Process probe = new ProcessBuilder(probeCmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        boolean usable = probe.waitFor(30, java.util.concurrent.TimeUnit.SECONDS) && probe.exitValue() == 0;
        Files.deleteIfExists(crashReport);
        if (!usable) {
            probe.destroyForcibly();
            Files.deleteIfExists(newest);
            return false;
        }
        try {
            Files.move(newest, archive, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException raced) {
            return Files.isRegularFile(archive);
        }
        for (Path d : dumps) {
            if (!d.equals(newest) && now - lastModified(d) > SETTLED_MILLIS) {
                Files.deleteIfExists(d);
            }
        }
        return true;
    }

    private static String quoted(Path p) {
        return p.toAbsolutePath().toString().replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static long lastModified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException gone) {
            return Long.MAX_VALUE;
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException gone) {
            return 0;
        }
    }

    /**
     * An old build a running JVM still starts from (a service not restarted since the rebuild, a lane instance) or a
     * copy another start is unpacking: left alone, deleted by a later start.
     */
    private static boolean inUse(Path p) {
        if (p.getFileName().toString().startsWith(".unpacking-")) {
            return System.currentTimeMillis() - lastModified(p) < 600_000;
        }
        String path = p.toAbsolutePath().toString();
        return ProcessHandle.allProcesses().anyMatch(h -> h.info().arguments().map(a -> java.util.Arrays.stream(a)
                .anyMatch(x -> x.contains(path))).orElse(false));
    }

    private static void deleteTree(Path p) {
        try (Stream<Path> s = Files.walk(p)) {
            s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a leftover directory is only disk space
        }
    }
}
