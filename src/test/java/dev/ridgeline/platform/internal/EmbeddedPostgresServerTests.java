package dev.ridgeline.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The zero-setup database: a real PostgreSQL whose data folder survives restarts, reused when already running,
 * adopted after a crash, stopped cleanly by whoever started it. Runs as root here, like CI.
 */
class EmbeddedPostgresServerTests {

    @TempDir
    Path home;

    @Test
    void dataSurvivesARestartAndTheServerStopsOnClose() throws Exception {
        int port = freePort();
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.startOrReuse(home, port, Duration.ofSeconds(60))) {
            assertThat(server.owned()).isTrue();
            execute(server, "create table kept (v text)", "insert into kept values ('still here')");
        }
        assertThat(accepts(port)).isFalse();
        assertThat(Files.exists(home.resolve("data/PG_VERSION"))).isTrue();
        try (EmbeddedPostgresServer again = EmbeddedPostgresServer.startOrReuse(home, port, Duration.ofSeconds(60));
                Connection c = DriverManager.getConnection(again.jdbcUrl(), again.username(), "")) {
            var rs = c.createStatement().executeQuery("select v from kept");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("still here");
        }
    }

    @Test
    void aSecondProcessReusesTheRunningServerAndLeavesItRunning() throws Exception {
        int port = freePort();
        Process owner = startInChildJvm(home, port);
        try {
            awaitAccepting(port);
            try (EmbeddedPostgresServer reused = EmbeddedPostgresServer.startOrReuse(home, port, Duration.ofSeconds(60))) {
                assertThat(reused.owned()).isFalse();
                execute(reused, "create table t (v int)");
            }
            assertThat(accepts(port)).isTrue();
        } finally {
            owner.destroy();
            owner.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aServerLeftRunningByACrashIsAdoptedAndStoppedOnClose() throws Exception {
        int port = freePort();
        Process crashed = startInChildJvm(home, port);
        awaitAccepting(port);
        crashed.destroyForcibly(); // kill -9: PostgreSQL keeps running, nobody holds the owner lock
        crashed.waitFor(30, TimeUnit.SECONDS);
        assertThat(accepts(port)).isTrue();

        try (EmbeddedPostgresServer adopted = EmbeddedPostgresServer.startOrReuse(home, port, Duration.ofSeconds(60))) {
            assertThat(adopted.owned()).isTrue();
            execute(adopted, "select 1");
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (accepts(port) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(accepts(port)).isFalse();
    }

    /** Starts the server in another JVM, as the web app would, and keeps it there until killed. */
    public static void main(String[] args) throws Exception {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.startOrReuse(Path.of(args[0]), Integer.parseInt(args[1]),
                Duration.ofSeconds(60));
        Runtime.getRuntime().addShutdownHook(new Thread(server::close)); // as the app's context does on SIGTERM
        System.out.println("READY");
        Thread.sleep(Long.MAX_VALUE);
    }

    private static Process startInChildJvm(Path home, int port) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                EmbeddedPostgresServerTests.class.getName(), home.toString(), String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static void awaitAccepting(int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!accepts(port)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("PostgreSQL did not start on port " + port);
            }
            Thread.sleep(200);
        }
        Thread.sleep(500); // let the child finish creating the database
    }

    private static boolean accepts(int port) {
        try (Connection ignored = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres", "postgres", "")) {
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static void execute(EmbeddedPostgresServer server, String... sql) throws Exception {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.username(), "")) {
            for (String s : sql) {
                c.createStatement().execute(s);
            }
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
