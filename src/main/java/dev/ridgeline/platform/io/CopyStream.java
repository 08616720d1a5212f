package dev.ridgeline.platform.io;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;

import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Streams rows into PostgreSQL with {@code COPY ... FROM STDIN (FORMAT csv)}: the fastest way in, and nothing is
 * held in memory beyond a 64 KB buffer. A null value is written as an unquoted empty field (SQL NULL); every other
 * value is quoted.
 */
public final class CopyStream implements AutoCloseable {

    private static final int FLUSH_AT = 64 * 1024;

    private final CopyIn copy;
    private final StringBuilder buffer = new StringBuilder(FLUSH_AT + 4096);
    private long rows;

    public CopyStream(Connection connection, String table, String columns) throws SQLException {
        this.copy = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("copy " + table + " (" + columns + ") from stdin (format csv)");
    }

    public void row(@Nullable Object... values) throws SQLException {
        append(buffer, values);
        rows++;
        if (buffer.length() >= FLUSH_AT) {
            flush();
        }
    }

    /** Sends rows already written by {@link #append} (another thread may prepare them while this one sends). */
    public void write(CharSequence encodedRows, long count) throws SQLException {
        flush();
        byte[] bytes = encodedRows.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        rows += count;
    }

    /** Appends one row in COPY's CSV form: null as an unquoted empty field, every other value quoted. */
    public static void append(StringBuilder buffer, @Nullable Object... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                buffer.append(',');
            }
            Object v = values[i];
            if (v != null) {
                buffer.append('"');
                String s = v.toString();
                for (int j = 0; j < s.length(); j++) {
                    char c = s.charAt(j);
                    if (c == '"') {
                        buffer.append('"');
                    }
                    if (c != 0) { // PostgreSQL text cannot hold NUL
                        buffer.append(c);
                    }
                }
                buffer.append('"');
            }
        }
        buffer.append('\n');
    }

    public long rows() {
        return rows;
    }

    private void flush() throws SQLException {
        byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        buffer.setLength(0);
    }

    /** Sends what is left and ends the COPY. */
    public long finish() throws SQLException {
        flush();
        return copy.endCopy();
    }

    @Override
    public void close() throws SQLException {
        if (copy.isActive()) {
            copy.cancelCopy();
        }
    }
}
