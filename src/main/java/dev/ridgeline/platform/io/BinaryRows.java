package dev.ridgeline.platform.io;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Rows encoded in PostgreSQL's binary COPY format ({@code COPY ... (FORMAT binary)}), held in a growing buffer: each
 * row is begun with {@link #row(int)} and given exactly that many values, in column order, each with the method of
 * its SQL type. A thread can encode rows here while another sends earlier ones ({@link BinaryCopyWriter#write}).
 */
public class BinaryRows {

    /** PostgreSQL counts dates and times from 2000-01-01. */
    private static final long EPOCH_DAY_2000 = LocalDate.of(2000, 1, 1).toEpochDay();
    private static final long EPOCH_SECOND_2000 = EPOCH_DAY_2000 * 86_400;

    ByteBuffer buffer;
    private int fieldsLeft;
    long rows;

    public BinaryRows(int capacity) {
        this.buffer = ByteBuffer.allocate(Math.max(capacity, 64));
    }

    /** Called before each row is begun: a writer sends what it holds once enough has gathered. */
    void beforeRow() throws java.sql.SQLException {
    }

    /** Begins a row of {@code fields} values. */
    public BinaryRows row(int fields) throws java.sql.SQLException {
        checkComplete("the previous");
        beforeRow();
        room(2);
        buffer.putShort((short) fields);
        fieldsLeft = fields;
        rows++;
        return this;
    }

    public BinaryRows nul() {
        field(-1);
        return this;
    }

    public BinaryRows uuid(@Nullable UUID v) {
        if (v == null) {
            return nul();
        }
        field(16);
        buffer.putLong(v.getMostSignificantBits()).putLong(v.getLeastSignificantBits());
        return this;
    }

    /** A {@code text} value; NUL characters, which PostgreSQL text cannot hold, are dropped. */
    public BinaryRows text(@Nullable String v) {
        if (v == null) {
            return nul();
        }
        byte[] bytes = (v.indexOf(0) >= 0 ? v.replace("\0", "") : v).getBytes(StandardCharsets.UTF_8);
        field(bytes.length);
        buffer.put(bytes);
        return this;
    }

    public BinaryRows bytea(byte @Nullable [] v) {
        if (v == null) {
            return nul();
        }
        field(v.length);
        buffer.put(v);
        return this;
    }

    public BinaryRows int2(int v) {
        field(2);
        buffer.putShort((short) v);
        return this;
    }

    public BinaryRows int4(int v) {
        field(4);
        buffer.putInt(v);
        return this;
    }

    public BinaryRows int4(@Nullable Integer v) {
        return v == null ? nul() : int4(v.intValue());
    }

    public BinaryRows int8(long v) {
        field(8);
        buffer.putLong(v);
        return this;
    }

    /** A {@code real}; NaN is written as NULL. */
    public BinaryRows float4(double v) {
        if (Double.isNaN(v)) {
            return nul();
        }
        field(4);
        buffer.putFloat((float) v);
        return this;
    }

    public BinaryRows int8(@Nullable Long v) {
        return v == null ? nul() : int8(v.longValue());
    }

    public BinaryRows float8(@Nullable Double v) {
        return v == null ? nul() : float8(v.doubleValue());
    }

    public BinaryRows float8(double v) {
        field(8);
        buffer.putDouble(v);
        return this;
    }

    public BinaryRows bool(boolean v) {
        field(1);
        buffer.put((byte) (v ? 1 : 0));
        return this;
    }

    public BinaryRows date(@Nullable LocalDate v) {
        if (v == null) {
            return nul();
        }
        field(4);
        buffer.putInt((int) (v.toEpochDay() - EPOCH_DAY_2000));
        return this;
    }

    public BinaryRows timestamptz(@Nullable Instant v) {
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

    void room(int bytes) {
        if (buffer.remaining() < bytes) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(buffer.capacity() * 2, buffer.position() + bytes));
            buffer.flip();
            buffer = bigger.put(buffer);
        }
    }

    /** Rows begun so far. */
    public long rows() {
        return rows;
    }

    /** The encoded bytes so far (no COPY header or trailer). */
    public int size() {
        return buffer.position();
    }

    byte[] array() {
        return buffer.array();
    }

    void clear() {
        buffer.clear();
    }

    void checkComplete(String which) {
        if (fieldsLeft != 0) {
            throw new IllegalStateException(which + " row lacks " + fieldsLeft + " value(s)");
        }
    }
}
