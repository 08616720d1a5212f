package dev.ridgeline.outreach.template;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The plain-text part of an HTML email: white space read as a browser reads it, paragraphs and line breaks kept, list items dashed, links written as
 * "text (url)", tags dropped and entities decoded. Good enough for the simple HTML of a contractor's email.
 */
public final class HtmlText {

    private static final Pattern LINK = Pattern.compile("(?is)<a\\s[^>]*href\\s*=\\s*[\"']([^\"']*)[\"'][^>]*>(.*?)</a>");

    private HtmlText() {
    }

    public static String of(String html) {
        // As a browser reads HTML: line breaks in the source are spaces, runs of white space one space.
        String s = html.replaceAll("(?is)<(script|style|head)[^>]*>.*?</\\1>", "").replaceAll("\\s+", " ");
        Matcher m = LINK.matcher(s);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String text = m.group(2).replaceAll("<[^>]+>", "").strip();
            String url = m.group(1);
            m.appendReplacement(b, Matcher.quoteReplacement(text.isEmpty() || text.equals(url) ? url
                    : text + " (" + url + ")"));
        }
        m.appendTail(b);
        s = b.toString()
                .replaceAll("(?i)<br\\s*/?>", "\n")
                .replaceAll("(?i)<li[^>]*>", "\n- ")
                .replaceAll("(?i)</(p|div|h[1-6]|ul|ol|table|tr)>", "\n\n")
                .replaceAll("<[^>]+>", "")
                .replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&amp;", "&");
        s = s.replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n[ \\t]+", "\n").replaceAll("\\n{3,}", "\n\n");
        return s.strip() + "\n";
    }
}
