package dev.ridgeline.platform.io;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Streams rows into PostgreSQL with {@code COPY ... FROM STDIN (FORMAT binary)}: the server reads each value as it
 * stores it, with no text to parse, which is about twice as fast as CSV for wide numeric rows. Each row is begun with
 * {@link #row(int)} and given exactly that many values, in the column order named, each with the method of its SQL
 * type; the server refuses a value of the wrong length. Nothing beyond a 64 KB buffer is held.
 */
public final class BinaryCopyWriter implements AutoCloseable {

    private static final int FLUSH_AT = 64 * 1024;
    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0,
            0, 0, 0, 0};
    /** PostgreSQL counts dates and times from 2000-01-01. */
    private static final long EPOCH_DAY_2000 = LocalDate.of(2000, 1, 1).toEpochDay();
    private static final long EPOCH_SECOND_2000 = EPOCH_DAY_2000 * 86_400;

    private final CopyIn copy;
    private ByteBuffer buffer = ByteBuffer.allocate(FLUSH_AT + 1024);
    private int fieldsLeft;
    private long rows;

    public BinaryCopyWriter(Connection connection, String table, String columns) throws SQLException {
        this.copy = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("copy " + table + " (" + columns + ") from stdin (format binary)");
        buffer.put(HEADER);
    }

    /** Begins a row of {@code fields} values. */
    public BinaryCopyWriter row(int fields) throws SQLException {
        if (fieldsLeft != 0) {
            throw new IllegalStateException("the previous row lacks " + fieldsLeft + " value(s)");
        }
        if (buffer.position() >= FLUSH_AT) {
            flush();
        }
        room(2);
        buffer.putShort((short) fields);
        fieldsLeft = fields;
        rows++;
        return this;
    }

    public BinaryCopyWriter nul() {
        field(-1);
        return this;
    }

    public BinaryCopyWriter uuid(@Nullable UUID v) {
        if (v == null) {
            return nul();
        }
        field(16);
        buffer.putLong(v.getMostSignificantBits()).putLong(v.getLeastSignificantBits());
        return this;
    }

    /** A {@code text} value; NUL characters, which PostgreSQL text cannot hold, are dropped. */
    public BinaryCopyWriter text(@Nullable String v) {
        if (v == null) {
            return nul();
        }
        byte[] bytes = (v.indexOf(0) >= 0 ? v.replace("\0", "") : v).getBytes(StandardCharsets.UTF_8);
        field(bytes.length);
        buffer.put(bytes);
        return this;
    }

    public BinaryCopyWriter bytea(byte @Nullable [] v) {
        if (v == null) {
            return nul();
        }
        field(v.length);
        buffer.put(v);
        return this;
    }

    public BinaryCopyWriter int2(int v) {
        field(2);
        buffer.putShort((short) v);
        return this;
    }

    public BinaryCopyWriter int4(int v) {
        field(4);
        buffer.putInt(v);
        return this;
    }

    public BinaryCopyWriter int4(@Nullable Integer v) {
        return v == null ? nul() : int4(v.intValue());
    }

    public BinaryCopyWriter int8(long v) {
        field(8);
        buffer.putLong(v);
        return this;
    }

    /** A {@code real}; NaN is written as NULL. */
    public BinaryCopyWriter float4(double v) {
        if (Double.isNaN(v)) {
            return nul();
        }
        field(4);
        buffer.putFloat((float) v);
        return this;
    }

    public BinaryCopyWriter float8(double v) {
        field(8);
        buffer.putDouble(v);
        return this;
    }

    public BinaryCopyWriter bool(boolean v) {
        field(1);
        buffer.put((byte) (v ? 1 : 0));
        return this;
    }

    public BinaryCopyWriter date(@Nullable LocalDate v) {
        if (v == null) {
            return nul();
        }
        field(4);
        buffer.putInt((int) (v.toEpochDay() - EPOCH_DAY_2000));
        return this;
    }

    public BinaryCopyWriter timestamptz(@Nullable Instant v) {
        if (v == null) {
            return nul();
        }
        field(8);
        buffer.putLong((v.getEpochSecond() - EPOCH_SECOND_2000) * 1_000_000 + v.getNano() / 1_000);
        return this;
    }

    private void field(int length) {
        if (fieldsLeft-- <= 0) {
            throw new IllegalStateException("more values than the row was begun with");
        }
        room(4 + Math.max(length, 0));
        buffer.putInt(length);
    }

    private void room(int bytes) {
        if (buffer.remaining() < bytes) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(buffer.capacity() * 2, buffer.position() + bytes));
            buffer.flip();
            buffer = bigger.put(buffer);
        }
    }

    public long rows() {
        return rows;
    }

    private void flush() throws SQLException {
        copy.writeToCopy(buffer.array(), 0, buffer.position());
        buffer.clear();
    }

    /** Sends what is left and the trailer, and ends the COPY: answers the rows the server stored. */
    public long finish() throws SQLException {
        if (fieldsLeft != 0) {
            throw new IllegalStateException("the last row lacks " + fieldsLeft + " value(s)");
        }
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
