package com.checkup.booking.domain;

import com.checkup.contracts.error.BusinessException;
import com.checkup.contracts.error.ErrorCode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

/**
 * A mainland China resident ID number (GB 11643-1999): 6-digit region, 8-digit birth date, 3-digit sequence (odd
 * for men), and an ISO 7064 MOD 11-2 check character (0-9 or X). Validation never echoes the number back.
 */
public record ResidentId(String number, LocalDate birthDate, Gender gender) {
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = "10X98765432".toCharArray();
    private static final DateTimeFormatter BASIC = DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT);

    public static ResidentId parse(String text) {
        if (text == null || text.isBlank()) {
            throw invalid("idNumber is required");
        }
        String n = text.trim().toUpperCase();
        if (!n.matches("\\d{17}[\\dX]")) {
            throw invalid("idNumber must be 18 characters: 17 digits and a digit or X");
        }
        if (checkChar(n) != n.charAt(17)) {
            throw invalid("idNumber has a wrong check digit (typing error?)");
        }
        LocalDate birth;
        try {
            birth = LocalDate.parse(n.substring(6, 14), BASIC);
        } catch (DateTimeParseException e) {
            throw invalid("idNumber does not contain a valid birth date");
        }
        Gender g = (n.charAt(16) - '0') % 2 == 1 ? Gender.MALE : Gender.FEMALE;
        return new ResidentId(n, birth, g);
    }

    /** The check character for the first 17 digits (also used to make valid demo/test numbers). */
    public static char checkChar(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK[sum % 11];
    }

    private static BusinessException invalid(String message) {
        return new BusinessException(ErrorCode.VALIDATION_FAILED, message);
    }

    @Override
    public String toString() {
        return "ResidentId[" + com.checkup.platform.privacy.Masking.idNumber(number) + "]";
    }
}
