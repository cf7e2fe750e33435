package com.checkup.localplatform;

import java.io.PrintStream;

/** Start-up progress on the terminal: one line per step, with the time since start. */
final class Progress {
    private final PrintStream out;
    private final long t0 = System.nanoTime();

    Progress(PrintStream out) {
        this.out = out;
    }

    void step(String what, String detail) {
        out.printf("[%6.1fs] %-22s %s%n", (System.nanoTime() - t0) / 1e9, what, detail);
        out.flush();
    }

    void line(String s) {
        out.println(s);
        out.flush();
    }

    double elapsedSeconds() {
        return (System.nanoTime() - t0) / 1e9;
    }
}
