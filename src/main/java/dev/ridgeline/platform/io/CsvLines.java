package dev.ridgeline.platform.io;

import java.util.List;

import org.jspecify.annotations.Nullable;

/** Writing CSV: every value quoted (quotes doubled), null as an empty field, one record per line. */
public final class CsvLines {

    private CsvLines() {
    }

    /** One record, ending in a newline. */
    public static String line(List<? extends @Nullable Object> values) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            Object v = values.get(i);
            if (v != null) {
                b.append('"').append(v.toString().replace("\"", "\"\"")).append('"');
            }
        }
        return b.append('\n').toString();
    }

    /**
     * A text for a file people open in a spreadsheet: one that starts like a formula (=, +, -, @) gets a leading
     * apostrophe, so a crafted address or name cannot run as a formula.
     */
    public static @Nullable String forSpreadsheets(@Nullable String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        char c = text.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + text : text;
    }
}
