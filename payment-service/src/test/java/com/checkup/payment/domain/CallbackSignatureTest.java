package com.checkup.payment.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CallbackSignatureTest {
    @Test
    void matchesAKnownHmacSha256Vector() {
        // RFC 4231 test case 2.
        assertThat(CallbackSignature.sign("Jefe", "what do ya want for nothing?"))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void verifiesOnlyTheExactBodyWithTheRightSecret() {
        String body = "{\"paymentId\":\"P1\",\"amountCents\":100}";
        String sig = CallbackSignature.sign("s3cret", body);
        assertThat(CallbackSignature.verify("s3cret", body, sig)).isTrue();
        assertThat(CallbackSignature.verify("s3cret", body, sig.toUpperCase())).isTrue();
        assertThat(CallbackSignature.verify("other", body, sig)).isFalse();
        assertThat(CallbackSignature.verify("s3cret", body.replace("100", "1"), sig)).isFalse();
        assertThat(CallbackSignature.verify("s3cret", body, null)).isFalse();
        assertThat(CallbackSignature.verify("", body, sig)).isFalse();
    }
}
