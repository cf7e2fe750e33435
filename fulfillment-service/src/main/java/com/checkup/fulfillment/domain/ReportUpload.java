package com.checkup.fulfillment.domain;

import com.checkup.contracts.error.BusinessException;
import com.checkup.contracts.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * An uploaded report checked for what it claims to be: a non-empty, whole PDF (its header at the start, its end-of-file
 * marker at the end) within the size limit, with a safe name.
 */
public record ReportUpload(String fileName, byte[] content, String sha256) {
    public static final String PDF = "application/pdf";
    private static final byte[] MAGIC = "%PDF-".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRAILER = "%%EOF".getBytes(StandardCharsets.US_ASCII);
    /** Readers look for the end-of-file marker within the file's last 1024 bytes; so do we. */
    private static final int TRAILER_WINDOW = 1024;

    public static ReportUpload check(String fileName, byte[] content, long maxBytes) {
        if (content == null || content.length == 0) {
            throw new BusinessException(ErrorCode.VALIDATION_FAILED, "The report is empty: send the PDF as the request body");
        }
        if (content.length > maxBytes) {
            throw new BusinessException(ErrorCode.PAYLOAD_TOO_LARGE, "A report may be at most " + maxBytes + " bytes");
        }
        if (!startsWithMagic(content)) {
            throw new BusinessException(ErrorCode.VALIDATION_FAILED, "The report must be a PDF file (it does not start with %PDF-)");
        }
        if (!endsWithTrailer(content)) {
            // A cut-off upload, or something else wearing a PDF header: either way not a report to hand out.
            throw new BusinessException(ErrorCode.VALIDATION_FAILED, "The report must be a whole PDF file (no %%EOF at its end)");
        }
        return new ReportUpload(safeName(fileName), content, sha256(content));
    }

    /** Keeps letters, digits, dot, dash, underscore (any script), so the name is safe in a header and a path. */
    static String safeName(String name) {
        String base = name == null ? "" : name.replaceAll(".*[/\\\\]", "").replaceAll("[^\\p{L}\\p{N}._-]", "_");
        base = base.replaceAll("^[._]+", "");
        if (base.isBlank()) {
            base = "report";
        }
        if (base.length() > 100) {
            base = base.substring(0, 100);
        }
        return base.toLowerCase().endsWith(".pdf") ? base : base + ".pdf";
    }

    private static boolean startsWithMagic(byte[] b) {
        if (b.length < MAGIC.length) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (b[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean endsWithTrailer(byte[] b) {
        int from = Math.max(MAGIC.length, b.length - TRAILER_WINDOW);
        for (int i = b.length - TRAILER.length; i >= from; i--) {
            boolean match = true;
            for (int j = 0; j < TRAILER.length && match; j++) {
                match = b[i + j] == TRAILER[j];
            }
            if (match) {
                return true;
            }
        }
        return false;
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
