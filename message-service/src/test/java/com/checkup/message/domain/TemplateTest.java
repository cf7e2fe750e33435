package com.checkup.message.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {
    private static final String TEXT = "{employeeName}: book with code {code}, check in with {checkInCode} ({phone}, {nothing}).";
    private static final Map<String, String> VALUES = Map.of("employeeName", "张伟", "code", "7KQ2M9XTRB",
            "checkInCode", "483920", "phone", "13800001111");

    @Test
    void theSentTextHasEveryValue() {
        assertThat(Template.render(TEXT, VALUES))
                .isEqualTo("张伟: book with code 7KQ2M9XTRB, check in with 483920 (13800001111, {nothing}).");
    }

    @Test
    void theShownTextMasksWhatOnlyTheRecipientMayRead() {
        assertThat(Template.renderShown(TEXT, VALUES))
                .isEqualTo("张伟: book with code ******, check in with ****** (******, {nothing}).");
    }
}
