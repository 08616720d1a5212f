package dev.ridgeline.platform.io;

import java.sql.Connection;
import java.sql.SQLException;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Streams rows into PostgreSQL with {@code COPY ... FROM STDIN (FORMAT binary)}: the server reads each value as it
 * stores it, with no text to parse, which is about twice as fast as CSV for wide numeric rows. Rows are written with
 * the methods of {@link BinaryRows}, or encoded elsewhere and handed over whole ({@link #write}); the server refuses a
 * value of the wrong length. Nothing beyond a 64 KB buffer is held.
 */
public final class BinaryCopyWriter extends BinaryRows implements AutoCloseable {

    private static final int FLUSH_AT = 64 * 1024;
    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0,
            0, 0, 0, 0};

    private final CopyIn copy;

    public BinaryCopyWriter(Connection connection, String table, String columns) throws SQLException {
        super(FLUSH_AT + 1024);
        this.copy = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("copy " + table + " (" + columns + ") from stdin (format binary)");
        buffer.put(HEADER);
    }

    @Override
    void beforeRow() throws SQLException {
        if (buffer.position() >= FLUSH_AT) {
            flush();
        }
    }

    /** Sends rows encoded elsewhere, after the ones written here so far. */
    public void write(BinaryRows encoded) throws SQLException {
        encoded.checkComplete("the last handed");
        checkComplete("the last");
        flush();
        copy.writeToCopy(encoded.array(), 0, encoded.size());
        rows += encoded.rows();
    }

    private void flush() throws SQLException {
        copy.writeToCopy(array(), 0, size());
        clear();
    }

    /** Sends what is left and the trailer, and ends the COPY: answers the rows the server stored. */
    public long finish() throws SQLException {
        checkComplete("the last");
        room(2);
        buffer.putShort((short) -1);
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
