package dev.ridgeline.platform.io;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyInputStream;

/**
 * Reads the rows of a query with {@code COPY (query) TO STDOUT (FORMAT binary)}: the fastest way out of PostgreSQL for
 * many wide rows, with no text to parse on either side. {@link #next()} moves to the next row; the getters read its
 * values by position (0-based, in the query's column order), each with the method of its SQL type.
 */
public final class BinaryCopyReader implements AutoCloseable {

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};
    private static final long EPOCH_DAY_2000 = LocalDate.of(2000, 1, 1).toEpochDay();
    private static final long EPOCH_SECOND_2000 = EPOCH_DAY_2000 * 86_400;

    private final PGCopyInputStream copy;
    private final DataInputStream in;
    private byte[][] values = new byte[0][];
    private int[] lengths = new int[0];
    private int fields;

    public BinaryCopyReader(Connection connection, String query) throws SQLException {
        this.copy = new PGCopyInputStream(connection.unwrap(PGConnection.class),
                "copy (" + query + ") to stdout (format binary)");
        this.in = new DataInputStream(new BufferedInputStream(copy, 256 * 1024));
        try {
            byte[] signature = new byte[SIGNATURE.length];
            in.readFully(signature);
            if (!Arrays.equals(signature, SIGNATURE)) {
                throw new SQLException("not a PostgreSQL binary COPY stream");
            }
            in.readInt(); // flags
            in.skipNBytes(in.readInt()); // header extension
        } catch (IOException e) {
            throw new SQLException("reading the COPY header failed: " + e.getMessage(), e);
        }
    }

    /** Moves to the next row; false at the end. */
    public boolean next() throws SQLException {
        try {
            short count = in.readShort();
            if (count == -1) {
                return false;
            }
            if (count > values.length) {
                values = Arrays.copyOf(values, count);
                lengths = Arrays.copyOf(lengths, count);
            }
            fields = count;
            for (int i = 0; i < count; i++) {
                int length = in.readInt();
                lengths[i] = length;
                if (length > 0) {
                    if (values[i] == null || values[i].length < length) {
                        values[i] = new byte[Math.max(length, 16)];
                    }
                    in.readFully(values[i], 0, length);
                }
            }
            return true;
        } catch (EOFException e) {
            throw new SQLException("the COPY stream ended in the middle of a row", e);
        } catch (IOException e) {
            throw new SQLException("reading a COPY row failed: " + e.getMessage(), e);
        }
    }

    public boolean isNull(int i) {
        check(i);
        return lengths[i] < 0;
    }

    public @Nullable UUID uuid(int i) {
        return isNull(i) ? null : new UUID(longAt(i, 0), longAt(i, 8));
    }

    public @Nullable String text(int i) {
        return isNull(i) ? null : new String(values[i], 0, lengths[i], StandardCharsets.UTF_8);
    }

    /** A {@code bytea}, or null. */
    public byte @Nullable [] bytea(int i) {
        return isNull(i) ? null : Arrays.copyOf(values[i], lengths[i]);
    }

    public int int2(int i) {
        return isNull(i) ? 0 : (short) (((values[i][0] & 0xff) << 8) | (values[i][1] & 0xff));
    }

    /** An {@code int}, 0 when NULL (see {@link #int4OrNull}). */
    public int int4(int i) {
        return isNull(i) ? 0 : intAt(i, 0);
    }

    public @Nullable Integer int4OrNull(int i) {
        return isNull(i) ? null : intAt(i, 0);
    }

    public long int8(int i) {
        return isNull(i) ? 0 : longAt(i, 0);
    }

    /** A {@code real}, NaN when NULL. */
    public double float4(int i) {
        return isNull(i) ? Double.NaN : Float.intBitsToFloat(intAt(i, 0));
    }

    public double float8(int i) {
        return isNull(i) ? Double.NaN : Double.longBitsToDouble(longAt(i, 0));
    }

    public boolean bool(int i) {
        return !isNull(i) && values[i][0] != 0;
    }

    public @Nullable LocalDate date(int i) {
        return isNull(i) ? null : LocalDate.ofEpochDay(EPOCH_DAY_2000 + intAt(i, 0));
    }

    public @Nullable Instant timestamptz(int i) {
        if (isNull(i)) {
            return null;
        }
        long micros = longAt(i, 0);
        return Instant.ofEpochSecond(EPOCH_SECOND_2000 + Math.floorDiv(micros, 1_000_000),
                Math.floorMod(micros, 1_000_000) * 1_000L);
    }

    private void check(int i) {
        if (i < 0 || i >= fields) {
            throw new IndexOutOfBoundsException("column " + i + " of a row of " + fields);
        }
    }

    private int intAt(int i, int offset) {
        byte[] b = values[i];
        return ((b[offset] & 0xff) << 24) | ((b[offset + 1] & 0xff) << 16) | ((b[offset + 2] & 0xff) << 8)
                | (b[offset + 3] & 0xff);
    }

    private long longAt(int i, int offset) {
        return ((long) intAt(i, offset) << 32) | (intAt(i, offset + 4) & 0xffffffffL);
    }

    @Override
    public void close() throws SQLException {
        try {
            copy.close(); // ends a COPY not read to the end
        } catch (IOException e) {
            throw new SQLException("closing the COPY failed: " + e.getMessage(), e);
        }
    }
}
