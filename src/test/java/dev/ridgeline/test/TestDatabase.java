package dev.ridgeline.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.UUID;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The PostgreSQL the tests run against: {@code RIDGELINE_TEST_DB_URL} (+ {@code _USER}, {@code _PASSWORD}) when
 * set, otherwise one embedded server per test JVM. Every Spring context gets a database of its own, so a test
 * that needs a fresh install (the setup page) gets one.
 */
public final class TestDatabase {

    public record Database(String url, String user, String password) {
    }

    private static Server server;
    private static final java.util.List<org.springframework.context.ConfigurableApplicationContext> CONTEXTS =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    private record Server(String adminUrl, String user, String password) {
    }

    private TestDatabase() {
    }

    public static synchronized Database create() {
        Server s = server();
        String name = "rl_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(s.adminUrl(), s.user(), s.password())) {
            c.createStatement().execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create test database " + name + " on " + s.adminUrl(), e);
        }
        String base = s.adminUrl().substring(0, s.adminUrl().lastIndexOf('/') + 1);
        return new Database(base + name, s.user(), s.password());
    }

    /** Remembers a context using a test database, so it is closed before the embedded server stops. */
    static void register(org.springframework.context.ConfigurableApplicationContext context) {
        CONTEXTS.add(context);
    }

    public static boolean external() {
        String url = System.getenv("RIDGELINE_TEST_DB_URL");
        return url != null && !url.isBlank();
    }

    private static Server server() {
        if (server != null) {
            return server;
        }
        if (external()) {
            server = new Server(System.getenv("RIDGELINE_TEST_DB_URL"), envOr("RIDGELINE_TEST_DB_USER", "postgres"),
                    envOr("RIDGELINE_TEST_DB_PASSWORD", ""));
            return server;
        }
        try {
            var dir = Files.createTempDirectory("ridgeline-test-pg");
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(dir.resolve("data"))
                    .setOverrideWorkingDirectory(dir.resolve("binaries").toFile())
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                // Close the test contexts first: a context whose database vanished under it retries for a while.
                for (var context : CONTEXTS.reversed()) {
                    try {
                        context.close();
                    } catch (RuntimeException e) {
                        System.err.println("Closing a test context failed: " + e.getMessage());
                    }
                }
                try {
                    pg.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }));
            server = new Server(pg.getJdbcUrl("postgres", "postgres"), "postgres", "");
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded test PostgreSQL", e);
        }
    }

    private static String envOr(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
