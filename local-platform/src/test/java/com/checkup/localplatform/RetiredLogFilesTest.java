package com.checkup.localplatform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetiredLogFilesTest {
    @Test
    void theOldRollingFilesGoAndTheConsoleLogsStay(@TempDir Path logs) throws Exception {
        for (String name : new String[] {"booking-service.app.log", "booking-service.app.log.2026-12-01.0.gz",
                "booking-service.log", "booking-service.log.1", "launcher.log"}) {
            Files.writeString(logs.resolve(name), "x");
        }
        Platform.forgetRetiredLogFiles(logs);
        try (Stream<Path> left = Files.list(logs)) {
            assertThat(left.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("booking-service.log", "booking-service.log.1", "launcher.log");
        }
    }
}
