package vn.haiphong.ioc.core.text;

import java.util.Map;
import java.util.Objects;

/** A text in Vietnamese (the default) and English, as the wall and the alerts carry it. */
public record LocalizedText(String vi, String en) implements java.io.Serializable {
    public LocalizedText {
        Objects.requireNonNull(vi, "vi");
        Objects.requireNonNull(en, "en");
    }

    /** Replaces {@code {name}} placeholders in both languages. */
    public LocalizedText format(Map<String, ?> values) {
        return new LocalizedText(fill(vi, values), fill(en, values));
    }

    private static String fill(String template, Map<String, ?> values) {
        StringBuilder out = new StringBuilder(template.length() + 32);
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf('{', i);
            int close = open < 0 ? -1 : template.indexOf('}', open);
            if (open < 0 || close < 0) {
                out.append(template, i, template.length());
                break;
            }
            out.append(template, i, open);
            String key = template.substring(open + 1, close);
            Object value = values.get(key);
            out.append(value == null ? "{" + key + "}" : String.valueOf(value));
            i = close + 1;
        }
        return out.toString();
    }
}
