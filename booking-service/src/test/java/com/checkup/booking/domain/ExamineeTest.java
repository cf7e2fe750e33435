package com.checkup.booking.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.checkup.contracts.booking.ExamineeInput;
import com.checkup.contracts.error.BusinessException;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExamineeTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);

    /** A valid ID number for a birth date and sequence (odd last sequence digit = male). */
    static String id(String birth, String seq) {
        String first17 = "110105" + birth.replace("-", "") + seq;
        return first17 + ResidentId.checkChar(first17);
    }

    static ExamineeInput input(String name, String gender, String birth, String idNumber, String phone) {
        ExamineeInput in = new ExamineeInput();
        in.setName(name);
        in.setGender(gender);
        in.setBirthDate(birth);
        in.setIdNumber(idNumber);
        in.setPhone(phone);
        return in;
    }

    @Test
    void acceptsAValidExamineeAndNormalisesThePhone() {
        Examinee e = Examinee.of(input(" 张三 ", "male", "1990-03-07", id("1990-03-07", "123"), "+86 138-1234-5678"), TODAY);
        assertThat(e.name()).isEqualTo("张三");
        assertThat(e.gender()).isEqualTo(Gender.MALE);
        assertThat(e.phone()).isEqualTo("13812345678");
        assertThat(e.ageOn(LocalDate.of(2026, 3, 6))).isEqualTo(35);
        assertThat(e.ageOn(LocalDate.of(2026, 3, 7))).isEqualTo(36);
        assertThat(e.toString()).doesNotContain("13812345678").doesNotContain(e.idNumber()).contains("138****5678");
    }

    @Test
    void knownRealWorldCheckDigitsAreAccepted() {
        // The standard's own example number (GB 11643-1999), with check character X.
        assertThat(ResidentId.parse("11010519491231002X").gender()).isEqualTo(Gender.FEMALE);
        assertThat(ResidentId.parse("11010519491231002x").birthDate()).isEqualTo(LocalDate.of(1949, 12, 31));
    }

    @Test
    void rejectsBadIdNumbersWithoutEchoingThem() {
        String good = id("1990-03-07", "123");
        String wrongCheck = good.substring(0, 17) + (good.charAt(17) == '1' ? '2' : '1');
        for (String bad : List.of("", "123", good.substring(0, 17) + "Y", wrongCheck, id("1990-02-30", "123"))) {
            assertThatThrownBy(() -> ResidentId.parse(bad))
                    .isInstanceOf(BusinessException.class)
                    .hasFieldOrPropertyWithValue("code", "VALIDATION_FAILED")
                    .satisfies(t -> assertThat(t.getMessage()).doesNotContain("1101051990"));
        }
    }

    @Test
    void everyFieldIsCheckedWithItsName() {
        String idm = id("1990-03-07", "123");
        assertThat(failure(input("", "MALE", "1990-03-07", idm, "13812345678"))).contains("name");
        assertThat(failure(input("A", "X", "1990-03-07", idm, "13812345678"))).contains("gender");
        assertThat(failure(input("A", "MALE", "07/03/1990", idm, "13812345678"))).contains("birthDate");
        assertThat(failure(input("A", "MALE", "1990-03-08", idm, "13812345678"))).contains("birth date in the ID");
        assertThat(failure(input("A", "FEMALE", "1990-03-07", idm, "13812345678"))).contains("gender does not match");
        assertThat(failure(input("A", "MALE", "1990-03-07", idm, "2381234567"))).contains("phone");
        assertThat(failure(input("A", "MALE", "2030-03-07", id("2030-03-07", "123"), "13812345678"))).contains("future");
        assertThat(failure(null)).contains("examinee is required");
    }

    private static String failure(ExamineeInput in) {
        try {
            Examinee.of(in, TODAY);
            return "accepted";
        } catch (BusinessException e) {
            assertThat(e.getCode()).isEqualTo("VALIDATION_FAILED");
            return e.getMessage();
        }
    }

    @Test
    void packageLimitsOnGenderAndAgeAtTheExamDate() {
        Examinee man = Examinee.of(input("A", "MALE", "2000-06-01", id("2000-06-01", "123"), "13812345678"), TODAY);
        CheckupPackage women = new CheckupPackage("P", "H", "W", 1, "FEMALE", 18, 120, true, List.of());
        CheckupPackage over25 = new CheckupPackage("P", "H", "CT", 1, "ANY", 25, 120, true, List.of("CT"));
        assertThatThrownBy(() -> women.checkEligible(man, TODAY)).hasFieldOrPropertyWithValue("code", "NOT_ELIGIBLE");
        assertThatThrownBy(() -> over25.checkEligible(man, LocalDate.of(2025, 5, 31)))
                .hasFieldOrPropertyWithValue("code", "NOT_ELIGIBLE").hasMessageContaining("will be 24");
        over25.checkEligible(man, LocalDate.of(2026, 6, 1));
    }
}
