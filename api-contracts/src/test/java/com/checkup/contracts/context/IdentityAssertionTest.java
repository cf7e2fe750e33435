package com.checkup.contracts.context;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdentityAssertionTest {
    private static final long NOW = 1_800_000_000L;
    private final IdentityAssertion key = IdentityAssertion.fromBase64(randomKey());

    @Test
    void verifiesWhatItSignedAndNothingElse() {
        String a = key.sign("DESK", "H001", "desk.h001", "trace-1", "svc.Orders", NOW);
        assertTrue(key.verify(a, "DESK", "H001", "desk.h001", "trace-1", "svc.Orders", NOW));
        assertTrue(key.verify(a, "DESK", "H001", "desk.h001", "trace-1", "svc.Orders", NOW + IdentityAssertion.TTL_SECONDS));

        assertFalse(key.verify(a, "OPS", "H001", "desk.h001", "trace-1", "svc.Orders", NOW), "another persona");
        assertFalse(key.verify(a, "DESK", "H002", "desk.h001", "trace-1", "svc.Orders", NOW), "another tenant");
        assertFalse(key.verify(a, "DESK", "H001", "someone", "trace-1", "svc.Orders", NOW), "another user");
        assertFalse(key.verify(a, "DESK", "H001", "desk.h001", "trace-2", "svc.Orders", NOW), "replayed on another trace");
        assertFalse(key.verify(a, "DESK", "H001", "desk.h001", "trace-1", "svc.Payments", NOW), "replayed at another service");
        assertFalse(key.verify(a, "DESK", "H001", "desk.h001", "trace-1", "svc.Orders",
                NOW + IdentityAssertion.TTL_SECONDS + IdentityAssertion.SKEW_SECONDS + 1), "expired");
        assertFalse(IdentityAssertion.fromBase64(randomKey()).verify(a, "DESK", "H001", "desk.h001", "trace-1", "svc.Orders", NOW),
                "another key");
    }

    @Test
    void refusesForgedAndMalformedAssertions() {
        String a = key.sign("SYSTEM", null, "booking-service", "t", "svc.Orders", NOW);
        String[] parts = a.split("\\.");
        long later = Long.parseLong(parts[1]) + 3600;
        assertFalse(key.verify(parts[0] + "." + later + "." + parts[2], "SYSTEM", null, "booking-service", "t", "svc.Orders", NOW + 3000),
                "expiry moved forward");
        assertFalse(key.verify(parts[0] + "." + (NOW + 99_999) + "." + parts[2], "SYSTEM", null, "booking-service", "t", "svc.Orders", NOW),
                "expiry too far ahead");
        for (String bad : new String[] {null, "", "v1", "v1.", "v1.x.y", "v2." + parts[1] + "." + parts[2],
                a + "A", "v1." + parts[1] + "." + "A".repeat(200)}) {
            assertFalse(key.verify(bad, "SYSTEM", null, "booking-service", "t", "svc.Orders", NOW), String.valueOf(bad));
        }
        // Values cannot be shifted from one field into another through the separator.
        String split = key.sign("DESK", "H001", "u", "t", "svc.Orders", NOW);
        assertFalse(key.verify(split, "DESK\nH001", null, "u", "t", "svc.Orders", NOW));
        // null and "" are the same absent value
        assertTrue(key.verify(key.sign("OPS", null, "ops1", "t", "svc.Orders", NOW), "OPS", "", "ops1", "t", "svc.Orders", NOW));
    }

    @Test
    void aRotationAcceptsBothKeysWhileSigningWithOne() {
        String oldKey = randomKey();
        String newKey = randomKey();
        IdentityAssertion before = IdentityAssertion.fromBase64(oldKey);
        // step 1: providers also accept the new key; step 2: every process signs with the new, accepting the old
        IdentityAssertion step1 = IdentityAssertion.fromBase64(oldKey).acceptingAlso(List.of(newKey, " "));
        IdentityAssertion step2 = IdentityAssertion.fromBase64(newKey).acceptingAlso(List.of(oldKey));
        IdentityAssertion after = IdentityAssertion.fromBase64(newKey);
        assertTrue(step1.alsoAcceptedCount() == 1 && after.alsoAcceptedCount() == 0);

        String byOld = before.sign("DESK", "H001", "desk.h001", "t", "svc.Orders", NOW);
        String byNew = after.sign("DESK", "H001", "desk.h001", "t", "svc.Orders", NOW);
        assertTrue(step2.sign("DESK", "H001", "desk.h001", "t", "svc.Orders", NOW).equals(byNew), "signs with its own key");
        assertTrue(step1.sign("DESK", "H001", "desk.h001", "t", "svc.Orders", NOW).equals(byOld), "never with an accepted one");
        for (IdentityAssertion during : new IdentityAssertion[] {step1, step2}) {
            assertTrue(during.verify(byOld, "DESK", "H001", "desk.h001", "t", "svc.Orders", NOW));
            assertTrue(during.verify(byNew, "DESK", "H001", "desk.h001", "t", "svc.Orders", NOW));
            assertFalse(during.verify(byNew, "OPS", "H001", "desk.h001", "t", "svc.Orders", NOW), "values still covered");
        }
        assertFalse(after.verify(byOld, "DESK", "H001", "desk.h001", "t", "svc.Orders", NOW), "the old key dropped");
        assertFalse(before.verify(byNew, "DESK", "H001", "desk.h001", "t", "svc.Orders", NOW));
        assertThrows(IllegalArgumentException.class, () -> before.acceptingAlso(List.of("c2hvcnQ=")));
    }

    @Test
    void refusesShortOrMissingKeys() {
        assertThrows(IllegalArgumentException.class, () -> IdentityAssertion.fromBase64(null));
        assertThrows(IllegalArgumentException.class, () -> IdentityAssertion.fromBase64(" "));
        assertThrows(IllegalArgumentException.class, () -> IdentityAssertion.fromBase64("not base64!"));
        assertThrows(IllegalArgumentException.class,
                () -> IdentityAssertion.fromBase64(Base64.getEncoder().encodeToString(new byte[16])));
    }

    private static String randomKey() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return Base64.getEncoder().encodeToString(k);
    }
}
