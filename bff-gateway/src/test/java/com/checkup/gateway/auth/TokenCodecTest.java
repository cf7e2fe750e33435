package com.checkup.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class TokenCodecTest {
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");
    private final TokenCodec codec = new TokenCodec(KEY, Duration.ofHours(1), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void anIssuedTokenVerifiesToTheSameCaller() throws Exception {
        TokenCodec.Issued t = codec.issue(new Caller("desk.h001", "DESK", "H001"));
        assertThat(t.expiresAt).isEqualTo(NOW.plus(Duration.ofHours(1)));
        Caller c = codec.verify(t.token);
        assertThat(c.userId()).isEqualTo("desk.h001");
        assertThat(c.persona()).isEqualTo("DESK");
        assertThat(c.tenantId()).isEqualTo("H001");
        assertThat(codec.verify(codec.issue(new Caller("consumer1", "CONSUMER", null)).token).tenantId()).isNull();
    }

    @Test
    void aChangedPayloadOrAnotherKeyIsRefused() {
        String token = codec.issue(new Caller("consumer1", "CONSUMER", null)).token;
        String[] p = token.split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(p[1]), StandardCharsets.UTF_8).replace("CONSUMER", "OPS");
        String forged = p[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "." + p[2];
        assertThatThrownBy(() -> codec.verify(forged)).hasMessageContaining("signature");

        byte[] other = Arrays.copyOf(KEY, KEY.length);
        other[0] ^= 1;
        TokenCodec stranger = new TokenCodec(other, Duration.ofHours(1), Clock.fixed(NOW, ZoneOffset.UTC));
        assertThatThrownBy(() -> codec.verify(stranger.issue(new Caller("x", "OPS", null)).token)).hasMessageContaining("signature");
    }

    @Test
    void duringAKeyRotationTokensOfBothKeysAreBelievedAndOnlyTheNewOneIssues() throws Exception {
        byte[] next = Arrays.copyOf(KEY, KEY.length);
        next[5] ^= 7;
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        // step 1: still issuing with the old key, also believing the new; step 2: issuing with the new, believing the old
        TokenCodec step1 = new TokenCodec(KEY, java.util.List.of(next), Duration.ofHours(1), clock);
        TokenCodec step2 = new TokenCodec(next, java.util.List.of(KEY), Duration.ofHours(1), clock);
        TokenCodec after = new TokenCodec(next, Duration.ofHours(1), clock);

        String byOld = codec.issue(new Caller("consumer1", "CONSUMER", null)).token;
        String byStep2 = step2.issue(new Caller("consumer2", "CONSUMER", null)).token;
        String byStep1 = step1.issue(new Caller("consumer3", "CONSUMER", null)).token;
        assertThat(codec.verify(byStep1).userId()).as("step 1 still issues with the old key").isEqualTo("consumer3");
        assertThatThrownBy(() -> after.verify(byStep1)).hasMessageContaining("signature");
        assertThat(step1.verify(byStep2).userId()).isEqualTo("consumer2");
        assertThat(step2.verify(byOld).userId()).isEqualTo("consumer1");
        assertThat(after.verify(byStep2).userId()).as("issued with the new key").isEqualTo("consumer2");
        assertThatThrownBy(() -> after.verify(byOld)).as("the old key dropped").hasMessageContaining("signature");
        assertThatThrownBy(() -> new TokenCodec(KEY, java.util.List.of(new byte[16]), Duration.ofHours(1), clock))
                .hasMessageContaining("32 bytes");
    }

    @Test
    void algNoneAndGarbageAreRefused() {
        String token = codec.issue(new Caller("consumer1", "CONSUMER", null)).token;
        String payload = token.split("\\.")[1];
        String none = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> codec.verify(none + "." + payload + ".")).isInstanceOf(TokenCodec.InvalidToken.class);
        assertThatThrownBy(() -> codec.verify("abc")).hasMessage("Malformed token");
        assertThatThrownBy(() -> codec.verify("a.b.c")).hasMessage("Malformed token");
        assertThatThrownBy(() -> codec.verify(null)).hasMessage("Malformed token");
    }

    @Test
    void anExpiredTokenIsRefused() {
        String token = codec.issue(new Caller("consumer1", "CONSUMER", null)).token;
        TokenCodec later = new TokenCodec(KEY, Duration.ofHours(1), Clock.fixed(NOW.plus(Duration.ofMinutes(61)), ZoneOffset.UTC));
        assertThatThrownBy(() -> later.verify(token)).hasMessage("Token has expired");
    }

    @Test
    void aShortKeyIsRefusedAtStart() {
        assertThatThrownBy(() -> new TokenCodec(new byte[16], Duration.ofHours(1), Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes");
    }

    @Test
    void aRememberedTokenStillExpiresAndItsForgeriesStillFail() throws Exception {
        MovableClock moving = new MovableClock(NOW);
        TokenCodec c = new TokenCodec(KEY, Duration.ofHours(1), moving);
        String token = c.issue(new Caller("consumer1", "CONSUMER", null)).token;
        assertThat(c.verify(token).userId()).isEqualTo("consumer1");
        assertThat(c.verify(token).userId()).isEqualTo("consumer1"); // from the cache
        String[] p = token.split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(p[1]), StandardCharsets.UTF_8).replace("CONSUMER", "OPS");
        String forged = p[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "." + p[2];
        assertThatThrownBy(() -> c.verify(forged)).hasMessageContaining("signature");
        assertThatThrownBy(() -> c.verify(token + "x")).isInstanceOf(TokenCodec.InvalidToken.class);
        moving.set(NOW.plus(Duration.ofMinutes(60)));
        assertThatThrownBy(() -> c.verify(token)).hasMessage("Token has expired");
        assertThatThrownBy(() -> c.verify(token)).hasMessage("Token has expired");
    }

    @Test
    void rememberedTokensStayBounded() throws Exception {
        for (int i = 0; i < TokenCodec.MAX_VERIFIED + 10; i++) {
            codec.verify(codec.issue(new Caller("u" + i, "CONSUMER", null)).token);
        }
        assertThat(codec.remembered()).isLessThanOrEqualTo(TokenCodec.MAX_VERIFIED);
    }

    @Test
    void onlyTheIssuedSpellingOfTheSignatureIsAccepted() throws Exception {
        String token = codec.issue(new Caller("consumer1", "CONSUMER", null)).token;
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char last = token.charAt(token.length() - 1);
        // 32 signature bytes = 43 characters; the last one carries 2 bits and 4 the decoder ignores.
        char sameBytes = alphabet.charAt(alphabet.indexOf(last) ^ 1);
        String respelt = token.substring(0, token.length() - 1) + sameBytes;
        assertThat(java.util.Base64.getUrlDecoder().decode(respelt.substring(respelt.lastIndexOf('.') + 1)))
                .isEqualTo(java.util.Base64.getUrlDecoder().decode(token.substring(token.lastIndexOf('.') + 1)));
        assertThatThrownBy(() -> codec.verify(respelt)).hasMessage("Malformed token");
        assertThatThrownBy(() -> codec.verify(token + "=")).isInstanceOf(TokenCodec.InvalidToken.class);
        assertThat(codec.verify(token).userId()).isEqualTo("consumer1");
    }
}
