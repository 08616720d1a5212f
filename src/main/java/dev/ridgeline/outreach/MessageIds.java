package dev.ridgeline.outreach;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Our messages' ids inside Message-ID, In-Reply-To and References headers: every email adapter writes the
 * Message-ID as {@code <message id@sending domain>}, so a bounce or a reply that quotes it names the message.
 */
final class MessageIds {

    private static final Pattern OURS = Pattern.compile(
            "<([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})@[^>\\s]+>");

    private MessageIds() {
    }

    /** The message ids named in a header value, in order (a References list names several). */
    static List<UUID> in(@Nullable String header) {
        List<UUID> out = new ArrayList<>();
        if (header == null) {
            return out;
        }
        Matcher m = OURS.matcher(header.strip().startsWith("<") ? header : "<" + header.strip() + ">");
        while (m.find()) {
            out.add(UUID.fromString(m.group(1)));
        }
        return out;
    }
}
