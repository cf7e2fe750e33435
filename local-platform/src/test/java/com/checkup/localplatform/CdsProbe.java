package com.checkup.localplatform;

/** A main class for {@link UnpackedJarTest}: packed into a Spring Boot-shaped jar, run from it unpacked. */
public final class CdsProbe {
    public static void main(String[] args) throws Exception {
        // A class from the jar's library, so the library jar is on the class path and in the archive.
        String resource = new String(CdsProbe.class.getResourceAsStream("/probe-lib.txt").readAllBytes()).strip();
        // A package listed through the class loader, as Spring's component scan and Dubbo's service scan list theirs.
        boolean listed = CdsProbe.class.getClassLoader().getResources("com/checkup/localplatform/").hasMoreElements();
        // What Spring Boot keeps at the fat jar's root (the application's META-INF: Dubbo SPI files, spring.factories).
        boolean root = CdsProbe.class.getResource("/META-INF/dubbo/probe.Filter") != null;
        System.out.println("probe ran " + String.join(" ", args) + " with " + resource + (listed ? "" : ", PACKAGE NOT LISTED")
                + (root ? "" : ", ROOT META-INF MISSING"));
    }
}
