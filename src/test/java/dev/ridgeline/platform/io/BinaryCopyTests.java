package dev.ridgeline.platform.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.ridgeline.test.RidgelineTest;

/** Binary COPY in and out against the real server: every type the app writes, NULLs, and what the server reads. */
@RidgelineTest
class BinaryCopyTests {

    @Autowired
    DataSource dataSource;

    private static final String COLUMNS = "id, name, small, whole, big, r, d, flag, day, at";

    @Test
    void everyTypeGoesInAndComesBackOutUnchanged() throws SQLException {
        UUID id = UUID.fromString("0c6f2a4e-9d1b-4f7e-8a3c-2b5d6e7f8091");
        Instant at = Instant.parse("2024-05-01T17:45:12.345678Z");
        try (Connection c = dataSource.getConnection()) {
            table(c);
            try (BinaryCopyWriter w = new BinaryCopyWriter(c, "copy_probe", COLUMNS)) {
                w.row(10).uuid(id).text("Café \"Ridge\", 1\0 Main").int2(-7).int4(123_456).int8(-9_000_000_000L)
                        .float4(1.75).float8(-84.388).bool(true).date(LocalDate.of(1999, 12, 31)).timestamptz(at);
                w.row(10).uuid(UUID.randomUUID()).text(null).int2(0).int4((Integer) null).int8(0).float4(Double.NaN)
                        .float8(0).bool(false).date(null).timestamptz(null);
                assertThat(w.finish()).isEqualTo(2);
            }
            // What the server itself made of the values.
            try (Statement s = c.createStatement(); var rs = s.executeQuery("""
                    select name, small, whole, big, r, d, flag, day::text, at = timestamptz '2024-05-01 17:45:12.345678+00'
                    from copy_probe where id = '0c6f2a4e-9d1b-4f7e-8a3c-2b5d6e7f8091'""")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("Café \"Ridge\", 1 Main");
                assertThat(rs.getInt(2)).isEqualTo(-7);
                assertThat(rs.getInt(3)).isEqualTo(123_456);
                assertThat(rs.getLong(4)).isEqualTo(-9_000_000_000L);
                assertThat(rs.getFloat(5)).isEqualTo(1.75f);
                assertThat(rs.getDouble(6)).isEqualTo(-84.388);
                assertThat(rs.getBoolean(7)).isTrue();
                assertThat(rs.getString(8)).isEqualTo("1999-12-31");
                assertThat(rs.getBoolean(9)).isTrue();
            }
            try (BinaryCopyReader r = new BinaryCopyReader(c, "select " + COLUMNS + " from copy_probe order by flag desc")) {
                assertThat(r.next()).isTrue();
                assertThat(r.uuid(0)).isEqualTo(id);
                assertThat(r.text(1)).isEqualTo("Café \"Ridge\", 1 Main");
                assertThat(r.int2(2)).isEqualTo(-7);
                assertThat(r.int4(3)).isEqualTo(123_456);
                assertThat(r.int8(4)).isEqualTo(-9_000_000_000L);
                assertThat(r.float4(5)).isEqualTo(1.75);
                assertThat(r.float8(6)).isEqualTo(-84.388);
                assertThat(r.bool(7)).isTrue();
                assertThat(r.date(8)).isEqualTo(LocalDate.of(1999, 12, 31));
                assertThat(r.timestamptz(9)).isEqualTo(at);
                assertThat(r.next()).isTrue();
                assertThat(r.text(1)).isNull();
                assertThat(r.int4OrNull(3)).isNull();
                assertThat(r.float4(5)).isNaN();
                assertThat(r.bool(7)).isFalse();
                assertThat(r.date(8)).isNull();
                assertThat(r.timestamptz(9)).isNull();
                assertThat(r.next()).isFalse();
            }
        }
    }

    @Test
    void rowsEncodedOnAnotherThreadAreSentWholeAfterTheWritersOwn() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            table(c);
            // Encoded apart (as the permit importer's parsing thread does), larger than the writer's 64 KB buffer.
            BinaryRows encoded = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                BinaryRows rows = new BinaryRows(16);
                try {
                    for (int i = 0; i < 5_000; i++) {
                        rows.row(2).uuid(new UUID(1, i)).text("row " + i + " ".repeat(20));
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
                return rows;
            }).get();
            assertThat(encoded.rows()).isEqualTo(5_000);
            try (BinaryCopyWriter w = new BinaryCopyWriter(c, "copy_probe", "id, name")) {
                w.row(2).uuid(new UUID(0, 0)).text("first");
                w.write(encoded);
                w.row(2).uuid(new UUID(2, 0)).text("last");
                assertThat(w.finish()).isEqualTo(5_002);
            }
            try (Statement s = c.createStatement(); var rs = s.executeQuery(
                    "select count(*), min(name), max(name) filter (where id = '00000000-0000-0001-0000-000000001387') "
                            + "from copy_probe")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(5_002);
                assertThat(rs.getString(2)).isEqualTo("first");
                assertThat(rs.getString(3)).isEqualTo("row 4999" + " ".repeat(20));
            }
            // A half-made row is not sent.
            BinaryRows half = new BinaryRows(16);
            half.row(2).uuid(UUID.randomUUID());
            try (BinaryCopyWriter w = new BinaryCopyWriter(c, "copy_probe", "id, name")) {
                assertThatThrownBy(() -> w.write(half)).hasMessageContaining("lacks 1 value");
            }
        }
    }

    @Test
    void aRowGivenTheWrongNumberOfValuesIsRefusedBeforeItIsSent() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            table(c);
            try (BinaryCopyWriter w = new BinaryCopyWriter(c, "copy_probe", "id, name")) {
                w.row(2).uuid(UUID.randomUUID());
                assertThatThrownBy(() -> w.row(2)).hasMessageContaining("lacks 1 value");
            }
            try (BinaryCopyWriter w = new BinaryCopyWriter(c, "copy_probe", "id")) {
                w.row(1).uuid(UUID.randomUUID());
                assertThatThrownBy(() -> w.text("x")).hasMessageContaining("more values");
            }
        }
    }

    private static void table(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("drop table if exists copy_probe");
            s.execute("create table copy_probe (id uuid primary key, name text, small smallint, whole int, big bigint,"
                    + " r real, d double precision, flag boolean, day date, at timestamptz)");
        }
    }
}
