package com.checkup.message.domain;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A message text with {@code {name}} placeholders; an unknown name is left as it is, visibly. */
public final class Template {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");

    private Template() {
    }

    public static String render(String text, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = values.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(v == null ? m.group() : v));
        }
        m.appendTail(out);
        return out.toString();
    }
}
