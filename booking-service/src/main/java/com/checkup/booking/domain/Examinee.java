package com.checkup.booking.domain;

import com.checkup.contracts.booking.ExamineeInput;
import com.checkup.contracts.error.BusinessException;
import com.checkup.contracts.error.ErrorCode;
import com.checkup.platform.privacy.Masking;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;

/** The person examined. {@link #toString()} is masked: an examinee may be logged, their numbers never are. */
public record Examinee(String name, Gender gender, LocalDate birthDate, String idNumber, String phone) {

    /** Validates what the app sent; every problem is a VALIDATION_FAILED naming the field. */
    public static Examinee of(ExamineeInput in, LocalDate today) {
        if (in == null) {
            throw invalid("examinee is required");
        }
        String name = in.getName() == null ? "" : in.getName().strip();
        if (name.isEmpty()) {
            throw invalid("examinee.name is required");
        }
        if (name.codePointCount(0, name.length()) > 32 || name.chars().anyMatch(Character::isISOControl)) {
            throw invalid("examinee.name must be at most 32 characters, without control characters");
        }
        Gender gender = Gender.parse("examinee.gender", in.getGender());
        LocalDate birth = parseDate("examinee.birthDate", in.getBirthDate());
        if (birth.isAfter(today)) {
            throw invalid("examinee.birthDate is in the future");
        }
        ResidentId id = ResidentId.parse(in.getIdNumber());
        if (!id.birthDate().equals(birth)) {
            throw invalid("examinee.birthDate does not match the birth date in the ID number");
        }
        if (id.gender() != gender) {
            throw invalid("examinee.gender does not match the ID number");
        }
        return new Examinee(name, gender, birth, id.number(), phone(in.getPhone()));
    }

    /** A mainland mobile number; spaces, dashes and a +86 prefix are accepted and removed. */
    static String phone(String text) {
        if (text == null || text.isBlank()) {
            throw invalid("examinee.phone is required");
        }
        String p = text.replaceAll("[\\s-]", "");
        if (p.startsWith("+86")) {
            p = p.substring(3);
        }
        if (!p.matches("1[3-9]\\d{9}")) {
            throw invalid("examinee.phone must be an 11-digit mainland mobile number");
        }
        return p;
    }

    static LocalDate parseDate(String field, String text) {
        if (text == null || text.isBlank()) {
            throw invalid(field + " is required (YYYY-MM-DD)");
        }
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw invalid(field + " must be a date as YYYY-MM-DD, not '" + text + "'");
        }
    }

    /** Age in whole years on a day (the exam day decides eligibility). */
    public int ageOn(LocalDate day) {
        return Period.between(birthDate, day).getYears();
    }

    private static BusinessException invalid(String message) {
        return new BusinessException(ErrorCode.VALIDATION_FAILED, message);
    }

    @Override
    public String toString() {
        return "Examinee[" + Masking.name(name) + ", " + gender + ", id " + Masking.idNumber(idNumber)
                + ", phone " + Masking.phone(phone) + "]";
    }
}
