package com.checkup.fulfillment.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.checkup.contracts.error.BusinessException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ReportUploadTest {
    @Test
    void namesAreMadeSafeForHeadersAndPaths() {
        assertThat(ReportUpload.safeName("../../etc/passwd")).isEqualTo("passwd.pdf");
        assertThat(ReportUpload.safeName("C:\\reports\\体检 报告.PDF")).isEqualTo("体检_报告.PDF");
        assertThat(ReportUpload.safeName(null)).isEqualTo("report.pdf");
        assertThat(ReportUpload.safeName("\"x\r\ny\".pdf")).isEqualTo("x__y_.pdf");
    }

    @Test
    void onlyAPdfPasses() {
        byte[] pdf = "%PDF-1.7 ...\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(ReportUpload.check("a", pdf, 100).sha256()).hasSize(64);
        assertThatThrownBy(() -> ReportUpload.check("a", "%PDF-1.7 <html><script>alert(1)</script>".getBytes(StandardCharsets.US_ASCII), 100))
                .isInstanceOf(BusinessException.class).hasMessageContaining("%%EOF");
        byte[] trailerTooEarly = ("%PDF-1.7\n%%EOF\n" + "x".repeat(2000)).getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> ReportUpload.check("a", trailerTooEarly, 10_000)).isInstanceOf(BusinessException.class);
        assertThatThrownBy(() -> ReportUpload.check("a", "%PD".getBytes(StandardCharsets.US_ASCII), 100))
                .isInstanceOf(BusinessException.class).hasMessageContaining("PDF");
        assertThatThrownBy(() -> ReportUpload.check("a", pdf, 5)).isInstanceOf(BusinessException.class)
                .hasMessageContaining("at most 5 bytes");
    }

    @Test
    void onlyTheExamineeAndTheHospitalsDeskMayRead() {
        assertThat(ReportAccess.denial("CONSUMER", null, "c1", "H1", "c1")).isNull();
        assertThat(ReportAccess.denial("CONSUMER", null, "c2", "H1", "c1")).isEqualTo("not the examinee");
        assertThat(ReportAccess.denial("DESK", "H1", "d", "H1", "c1")).isNull();
        assertThat(ReportAccess.denial("DESK", "H2", "d", "H1", "c1")).isNotNull();
        assertThat(ReportAccess.denial("HR", "ACME", "h", "H1", "c1")).isNotNull();
        assertThat(ReportAccess.denial("OPS", null, "o", "H1", "c1")).isNotNull();
    }
}
