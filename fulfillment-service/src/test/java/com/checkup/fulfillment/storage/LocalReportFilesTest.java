package com.checkup.fulfillment.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local platform's store: same keys and the same failures as object storage. */
class LocalReportFilesTest {
    @TempDir
    Path root;

    @Test
    void writesReadsAndRefusesWhatObjectStorageRefuses() throws Exception {
        LocalReportFiles files = new LocalReportFiles(root.resolve("reports"));
        byte[] pdf = "%PDF-1.4 体检报告".getBytes(StandardCharsets.UTF_8);
        files.write("H001/B-1/体检报告.pdf", pdf);
        assertThat(files.read("H001/B-1/体检报告.pdf")).isEqualTo(pdf);
        assertThat(Files.readAllBytes(root.resolve("reports/H001/B-1/体检报告.pdf"))).isEqualTo(pdf);

        assertThatThrownBy(() -> files.read("H001/B-1/none.pdf")).isInstanceOf(UncheckedIOException.class)
                .hasMessage("Cannot read report H001/B-1/none.pdf").cause().isInstanceOf(NoSuchFileException.class);
        for (String bad : new String[] {"../x.pdf", "H001/../../x.pdf", "/etc/passwd", "H001//x.pdf", "H001\\x.pdf"}) {
            assertThatThrownBy(() -> files.write(bad, pdf), bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(Files.list(root)).containsExactly(root.resolve("reports"));
    }
}
