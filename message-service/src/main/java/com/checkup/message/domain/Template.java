package com.checkup.message.domain;

import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A message text with {@code {name}} placeholders; an unknown name is left as it is, visibly. */
public final class Template {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");
    /**
     * Values only the recipient may read (a code that books a paid check-up, a check-in code, a phone or ID number):
     * what is sent has them, what any listing shows has them masked.
     */
    static final Set<String> SECRET = Set.of("code", "checkInCode", "phone", "idNumber");
    static final String MASK = "******";

    private Template() {
    }

    public static String render(String text, Map<String, String> values) {
        return render(text, values, false);
    }

    /** The text as listings show it: every {@link #SECRET} value masked. */
    public static String renderShown(String text, Map<String, String> values) {
        return render(text, values, true);
    }

    private static String render(String text, Map<String, String> values, boolean masked) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = values.get(m.group(1));
            if (masked && v != null && SECRET.contains(m.group(1))) {
                v = MASK;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(v == null ? m.group() : v));
        }
        m.appendTail(out);
        return out.toString();
    }
}
