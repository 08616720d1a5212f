package dev.ridgeline.platform.web;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Text to safe HTML for templates that need more than plain escaping. */
public final class Html {

    private static final Pattern URL = Pattern.compile("https?://[^\\s<>\"']+");

    private Html() {
    }

    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Escapes the text, then turns each http(s) URL into a link. */
    public static String linkify(String text) {
        String escaped = escape(text);
        Matcher m = URL.matcher(escaped);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String url = m.group();
            m.appendReplacement(out, Matcher.quoteReplacement("<a href=\"" + url + "\">" + url + "</a>"));
        }
        m.appendTail(out);
        return out.toString();
    }
}
