package com.checkup.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonDepthTest {
    static String nested(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    static String nestedObjects(int depth) {
        return "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
    }

    private static JsonDepth.Verdict scan(String json) {
        return JsonDepth.scan(json.getBytes(StandardCharsets.UTF_8), JsonDepth.MAX_DEPTH);
    }

    @Test
    void sixtyFourLevelsPassAndSixtyFiveDoNotForArraysAndObjects() {
        assertThat(scan(nested(64))).isEqualTo(JsonDepth.Verdict.OK);
        assertThat(scan(nested(65))).isEqualTo(JsonDepth.Verdict.TOO_DEEP);
        assertThat(scan(nestedObjects(64))).isEqualTo(JsonDepth.Verdict.OK);
        assertThat(scan(nestedObjects(65))).isEqualTo(JsonDepth.Verdict.TOO_DEEP);
        assertThat(scan("[{\"a\":[{\"b\":" + nested(61) + "}]}]")).isEqualTo(JsonDepth.Verdict.TOO_DEEP);
        // Depth, not count: many siblings are fine.
        assertThat(scan("[" + "[1],".repeat(10_000) + "[2]]")).isEqualTo(JsonDepth.Verdict.OK);
    }

    @Test
    void aThirtyThousandDeepBodyIsRefusedWithTheEnvelopesBadRequest() {
        byte[] body = nested(30_000).getBytes(StandardCharsets.UTF_8);
        ApiError e = org.assertj.core.api.Assertions.catchThrowableOfType(() -> JsonDepth.check(body), ApiError.class);
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.code()).isEqualTo("BAD_REQUEST");
        assertThat(e.getMessage()).contains("nests deeper than 64");
    }

    @Test
    void bracketsInsideStringsDoNotCountAndEscapesAreHonoured() {
        String deepText = "[".repeat(200) + "{".repeat(200);
        assertThat(scan("{\"a\":\"" + deepText + "\"}")).isEqualTo(JsonDepth.Verdict.OK);
        // An escaped quote does not end the string: the brackets after it are still text.
        assertThat(scan("{\"a\":\"x\\\"" + deepText + "\"}")).isEqualTo(JsonDepth.Verdict.OK);
        // An escaped backslash does not escape the quote after it: the string ends, the brackets count.
        assertThat(scan("{\"a\":\"x\\\\\"," + "\"b\":" + nested(100) + "}")).isEqualTo(JsonDepth.Verdict.TOO_DEEP);
        // Multi-byte UTF-8 characters (all bytes >= 0x80) never look like structure.
        assertThat(scan("{\"name\":\"李\u00e9\uD83D\uDE00\"," + "\"b\":" + nested(63) + "}")).isEqualTo(JsonDepth.Verdict.OK);
        // Closing brackets with nothing open cannot buy depth for later ones.
        assertThat(scan("]]]]]]]]]]" + nested(65))).isEqualTo(JsonDepth.Verdict.TOO_DEEP);
    }

    @Test
    void utf16And32BodiesAreRefusedSinceTheirBytesCouldHideBrackets() {
        // U+2222 in UTF-16BE is 0x22 0x22: two quote bytes to a byte scanner.
        byte[] utf16 = ("{\"a\":\"\u2222\"," + "\"b\":" + nested(100) + "}").getBytes(StandardCharsets.UTF_16BE);
        assertThat(JsonDepth.scan(utf16, JsonDepth.MAX_DEPTH)).isEqualTo(JsonDepth.Verdict.NOT_UTF8);
        assertThat(JsonDepth.scan("{}".getBytes(StandardCharsets.UTF_16LE), JsonDepth.MAX_DEPTH)).isEqualTo(JsonDepth.Verdict.NOT_UTF8);
        assertThatThrownBy(() -> JsonDepth.check("{}".getBytes(StandardCharsets.UTF_16))).isInstanceOf(ApiError.class)
                .hasMessageContaining("UTF-8");
    }

    @Test
    void textIsScannedTheSameWay() {
        assertThat(JsonDepth.scan(nested(65), 65)).isEqualTo(JsonDepth.Verdict.OK);
        assertThat(JsonDepth.scan(nested(66), 65)).isEqualTo(JsonDepth.Verdict.TOO_DEEP);
        assertThat(JsonDepth.scan("[\"" + "[".repeat(100) + "\\\"\"]", 2)).isEqualTo(JsonDepth.Verdict.OK);
        assertThatThrownBy(() -> JsonDepth.check(nested(30_000), 65)).isInstanceOf(ApiError.class).hasMessageContaining("deeper than 65");
    }
}
