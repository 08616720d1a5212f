package dev.ridgeline.platform.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * An RFC 4180 CSV reader that never gives up on a file: each call returns the next record with the line it
 * starts on (line 1 is the first line of the file), or a {@link Malformed} result saying which line is broken and
 * why, after which reading resumes on the next line. Quoted fields may span lines and contain doubled quotes;
 * rows may have any number of fields; blank lines are skipped; a record longer than the limit is reported, not
 * loaded.
 */
public final class CsvReader implements Closeable {

    /** What {@link #next()} returns. */
    public sealed interface Result permits Row, Malformed {
        long line();
    }

    /** A record and the line it starts on. */
    public record Row(long line, List<String> fields) implements Result {

        public String field(int index) {
            return index < fields.size() ? fields.get(index) : "";
        }
    }

    /** A record that could not be read. */
    public record Malformed(long line, String reason) implements Result {
    }

    public static final int DEFAULT_MAX_RECORD_CHARS = 1_000_000;

    private static final int EOF = -1;

    private final Reader in;
    private final int maxRecordChars;
    private final char[] buffer = new char[64 * 1024];
    private int position;
    private int limit;
    private long line = 1;
    private int pushedBack = -2;

    public CsvReader(Reader in) {
        this(in, DEFAULT_MAX_RECORD_CHARS);
    }

    public CsvReader(Reader in, int maxRecordChars) {
        this.in = in;
        this.maxRecordChars = maxRecordChars;
    }

    /** The line the next record would start on. */
    public long line() {
        return line;
    }

    /** The next record or malformed record; null at the end of the input. */
    public @Nullable Result next() throws IOException {
        while (true) {
            int c = read();
            if (c == EOF) {
                return null;
            }
            if (c == '\n') {
                line++;
                continue; // blank line
            }
            if (c == '\r') {
                swallowLf();
                line++;
                continue;
            }
            unread(c);
            return record();
        }
    }

    private Result record() throws IOException {
        long start = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int length = 0;
        boolean quoted = false;
        boolean afterClosingQuote = false;
        boolean fieldStart = true;
        while (true) {
            int c = read();
            if (++length > maxRecordChars) {
                skipRestOfLine(quoted);
                return new Malformed(start, "record longer than " + maxRecordChars + " characters");
            }
            if (quoted) {
                if (c == EOF) {
                    return new Malformed(start, "a quote opened on line " + start + " is never closed");
                }
                if (c == '"') {
                    int next = read();
                    if (next == '"') {
                        field.append('"');
                    } else {
                        unread(next);
                        quoted = false;
                        afterClosingQuote = true;
                    }
                    continue;
                }
                if (c == '\n' || c == '\r') {
                    if (c == '\r') {
                        swallowLf();
                    }
                    line++;
                    field.append('\n');
                    continue;
                }
                field.append((char) c);
                continue;
            }
            if (c == ',' ) {
                fields.add(field.toString());
                field.setLength(0);
                afterClosingQuote = false;
                fieldStart = true;
                continue;
            }
            if (c == EOF || c == '\n' || c == '\r') {
                if (c == '\r') {
                    swallowLf();
                }
                if (c != EOF) {
                    line++;
                }
                fields.add(field.toString());
                return new Row(start, List.copyOf(fields));
            }
            if (afterClosingQuote) {
                if (c == ' ' || c == '\t') {
                    continue; // spaces between a closing quote and the comma are tolerated
                }
                skipRestOfLine(false);
                return new Malformed(start, "text after a closing quote in field " + (fields.size() + 1));
            }
            if (c == '"' && fieldStart) {
                quoted = true;
                fieldStart = false;
                continue;
            }
            fieldStart = false;
            field.append((char) c);
        }
    }

    private void skipRestOfLine(boolean insideQuotes) throws IOException {
        boolean quoted = insideQuotes;
        while (true) {
            int c = read();
            if (c == EOF) {
                return;
            }
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == '\n' || c == '\r') {
                if (c == '\r') {
                    swallowLf();
                }
                line++;
                if (!quoted) {
                    return;
                }
            }
        }
    }

    private void swallowLf() throws IOException {
        int next = read();
        if (next != '\n') {
            unread(next);
        }
    }

    private int read() throws IOException {
        if (pushedBack != -2) {
            int c = pushedBack;
            pushedBack = -2;
            return c;
        }
        if (position == limit) {
            limit = in.read(buffer, 0, buffer.length);
            position = 0;
            if (limit <= 0) {
                limit = 0;
                return EOF;
            }
        }
        return buffer[position++];
    }

    private void unread(int c) {
        pushedBack = c;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
