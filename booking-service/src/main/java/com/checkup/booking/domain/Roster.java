package com.checkup.booking.domain;

import com.checkup.contracts.booking.ExamineeInput;
import com.checkup.contracts.error.BusinessException;
import com.checkup.contracts.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A roster CSV as HR exports it from a spreadsheet: a header naming the columns (any order, any case), then one
 * employee per line. Each line is checked on its own ({@link #check}): a bad line is reported with its line number
 * and why, and never stops the good ones. Fields may be quoted ({@code "Li, Lei"}, {@code ""} for a quote); a line
 * break inside a field is not supported (the line is reported).
 */
public final class Roster {
    public static final List<String> COLUMNS = List.of("employee_no", "name", "gender", "birth_date", "id_number", "phone", "package");
    public static final int MAX_ROWS = 50_000;

    /** The file as uploaded; a row is decoded only when it is checked, never the whole file as text at once. */
    private final byte[] csv;
    /** Where each line starts in {@link #csv}, and where the last one ends. */
    private final int[] starts;
    private final int lineCount;
    private final int[] column = new int[COLUMNS.size()];

    private Roster(byte[] csv, int[] starts, int lineCount) {
        this.csv = csv;
        this.starts = starts;
        this.lineCount = lineCount;
    }

    /** One employee as the roster has them, checked. */
    public record Entry(int line, String employeeNo, Examinee examinee, String packageId) {
    }

    /** A line that was not kept. */
    public record Rejection(int line, String employeeNo, String reason) {
    }

    /** Reads the file's line breaks and its header; VALIDATION_FAILED when it is not a roster at all. */
    public static Roster parse(byte[] csv) {
        if (csv == null || csv.length == 0) {
            throw invalid("The roster is empty: upload a CSV with the header " + String.join(",", COLUMNS));
        }
        // Excel's UTF-8 mark
        int first = csv.length >= 3 && (csv[0] & 0xFF) == 0xEF && (csv[1] & 0xFF) == 0xBB && (csv[2] & 0xFF) == 0xBF ? 3 : 0;
        // Line starts, plus one past the end; at most the header, MAX_ROWS rows and one more (to tell "too many").
        int[] starts = new int[Math.min(MAX_ROWS + 3, 1024)];
        int n = 0;
        starts[n++] = first;
        for (int i = first; i < csv.length; i++) {
            if (csv[i] == '\n') {
                if (n == MAX_ROWS + 2 && !blankFrom(csv, i + 1)) {
                    throw invalid("The roster has more than " + MAX_ROWS + " rows; at most " + MAX_ROWS + " per upload");
                }
                if (n == MAX_ROWS + 2) {
                    break;
                }
                if (n == starts.length) {
                    starts = java.util.Arrays.copyOf(starts, Math.min(MAX_ROWS + 3, starts.length * 2));
                }
                starts[n++] = i + 1;
            }
        }
        Roster r = new Roster(csv, starts, n);
        List<String> header = fields(r.line(0));
        if (header == null) {
            throw invalid("The roster's header is not valid CSV");
        }
        Map<String, Integer> at = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            at.put(header.get(i).strip().toLowerCase(Locale.ROOT), i);
        }
        List<String> missing = new ArrayList<>();
        for (int c = 0; c < COLUMNS.size(); c++) {
            Integer i = at.get(COLUMNS.get(c));
            if (i == null) {
                missing.add(COLUMNS.get(c));
            } else {
                r.column[c] = i;
            }
        }
        if (!missing.isEmpty()) {
            throw invalid("The roster's header lacks " + String.join(", ", missing) + " (expected " + String.join(",", COLUMNS) + ")");
        }
        if (r.rows() > MAX_ROWS) {
            throw invalid("The roster has " + r.rows() + " rows; at most " + MAX_ROWS + " per upload");
        }
        return r;
    }

    private static boolean blankFrom(byte[] csv, int from) {
        for (int i = from; i < csv.length; i++) {
            if (csv[i] != ' ' && csv[i] != '\t' && csv[i] != '\r' && csv[i] != '\n') {
                return false;
            }
        }
        return true;
    }

    /** Line {@code i} of the file (0 = header), decoded now, without its line break. */
    private String line(int i) {
        int from = starts[i];
        int to = i + 1 < lineCount ? starts[i + 1] - 1 : csv.length;
        if (to > from && csv[to - 1] == '\r') {
            to--;
        }
        return new String(csv, from, Math.max(0, to - from), StandardCharsets.UTF_8);
    }

    /** Data lines (blank lines at the end not counted). */
    public int rows() {
        int n = lineCount;
        while (n > 1 && line(n - 1).isBlank()) {
            n--;
        }
        return n - 1;
    }

    /** The text of data row {@code i} (0-based) and its line number in the file. */
    public String row(int i) {
        return line(i + 1);
    }

    public static int lineOf(int row) {
        return row + 2;
    }

    /**
     * Checks data row {@code i}: an {@link Entry}, or a {@link Rejection} saying why. {@code offered} are the
     * campaign's packages by id; eligibility (gender, age) is judged on {@code examDay}.
     */
    public Object check(int i, Map<String, CheckupPackage> offered, LocalDate examDay, LocalDate today) {
        int line = lineOf(i);
        String text = row(i);
        if (text.isBlank()) {
            return new Rejection(line, null, "empty line");
        }
        List<String> f = fields(text);
        if (f == null) {
            return new Rejection(line, null, "not valid CSV (an unclosed quote?)");
        }
        String employeeNo = get(f, 0);
        if (employeeNo.isEmpty()) {
            return new Rejection(line, null, "employee_no is required");
        }
        if (!employeeNo.matches("[A-Za-z0-9_.-]{1,32}")) {
            return new Rejection(line, null, "employee_no must be 1 to 32 letters, digits or _ . -");
        }
        ExamineeInput in = new ExamineeInput();
        in.setName(get(f, 1));
        in.setGender(get(f, 2));
        in.setBirthDate(get(f, 3));
        in.setIdNumber(get(f, 4));
        in.setPhone(get(f, 5));
        String packageId = get(f, 6);
        try {
            Examinee e = Examinee.of(in, today);
            CheckupPackage pkg = offered.get(packageId);
            if (pkg == null) {
                return new Rejection(line, employeeNo, packageId.isEmpty() ? "package is required"
                        : "package " + packageId + " is not offered by this campaign (offered: " + String.join(", ", offered.keySet()) + ")");
            }
            pkg.checkEligible(e, examDay);
            return new Entry(line, employeeNo, e, packageId);
        } catch (BusinessException e) {
            // The examinee rules name their fields for the app ("examinee.phone"); here the columns are meant.
            return new Rejection(line, employeeNo, e.getMessage().replace("examinee.birthDate", "birth_date")
                    .replace("examinee.", "").replace("idNumber", "id_number"));
        }
    }

    private String get(List<String> f, int c) {
        int i = column[c];
        return i < f.size() ? f.get(i).strip() : "";
    }

    /** Splits one CSV line; null when a quote is not closed. */
    static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cur.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        if (quoted) {
            return null;
        }
        out.add(cur.toString());
        return out;
    }

    private static BusinessException invalid(String message) {
        return new BusinessException(ErrorCode.VALIDATION_FAILED, message);
    }
}
