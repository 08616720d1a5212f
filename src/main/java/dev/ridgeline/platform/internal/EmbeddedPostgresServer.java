package dev.ridgeline.platform.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL whose data lives in {@code <home>/postgres/data} and is never cleaned. Starting it:
 * <ul>
 *   <li>if a server already runs on that data folder and another live process holds the owner lock (the app while
 *       the CLI runs, say), it is reused and left running;</li>
 *   <li>if one runs but nobody holds the lock (a crashed earlier run), it is adopted: reused and stopped on
 *       close;</li>
 *   <li>otherwise it is started (initdb on first use) and stopped cleanly on close.</li>
 * </ul>
 * As root the binaries run inside {@code unshare -U}, which the zonky launcher arranges.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    static final String DATABASE = "ridgeline";
    static final String USER = "postgres";

    private final Path folder;
    private final int port;
    private final @Nullable EmbeddedPostgres started;
    private final @Nullable FileChannel lockChannel;
    private final @Nullable FileLock ownerLock;
    private final @Nullable Long adoptedPid;

    private EmbeddedPostgresServer(Path folder, int port, @Nullable EmbeddedPostgres started,
            @Nullable FileChannel lockChannel, @Nullable FileLock ownerLock, @Nullable Long adoptedPid) {
        this.folder = folder;
        this.port = port;
        this.started = started;
        this.lockChannel = lockChannel;
        this.ownerLock = ownerLock;
        this.adoptedPid = adoptedPid;
    }

    /** Starts, adopts or reuses the server in {@code folder} on {@code port} and makes sure the database exists. */
    public static EmbeddedPostgresServer startOrReuse(Path folder, int port, Duration timeout) {
        try {
            Files.createDirectories(folder);
            Path data = folder.resolve("data");
            FileChannel channel = FileChannel.open(folder.resolve("owner.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                Optional<Long> runningPid = runningPostmaster(data, port);
                if (runningPid.isPresent() && lock == null) {
                    channel.close();
                    log.info("Reusing the embedded PostgreSQL already running on port {} (data in {})", port, data);
                    return ready(new EmbeddedPostgresServer(folder, port, null, null, null, null));
                }
                if (runningPid.isPresent()) {
                    log.info("Adopting the embedded PostgreSQL left running on port {} (pid {})", port, runningPid.get());
                    return ready(new EmbeddedPostgresServer(folder, port, null, channel, lock, runningPid.get()));
                }
                if (lock != null) {
                    long t0 = System.nanoTime();
                    EmbeddedPostgres pg = EmbeddedPostgres.builder()
                            .setDataDirectory(data)
                            .setCleanDataDirectory(false)
                            .setPort(port)
                            .setOverrideWorkingDirectory(folder.resolve("binaries").toFile())
                            .setRegisterShutdownHook(false)
                            .setPGStartupWait(timeout)
                            .setServerConfig("listen_addresses", "localhost")
                            .setServerConfig("max_connections", "100")
                            .setServerConfig("shared_buffers", "256MB")
                            .start();
                    log.info("Started embedded PostgreSQL on port {} in {} ms (data in {})", port,
                            (System.nanoTime() - t0) / 1_000_000, data);
                    return ready(new EmbeddedPostgresServer(folder, port, pg, channel, lock, null));
                }
                // Another process holds the lock and is starting the server right now: wait for it.
                if (System.nanoTime() > deadline) {
                    channel.close();
                    throw new IllegalStateException("Another process holds " + folder.resolve("owner.lock")
                            + " but no PostgreSQL answered on port " + port + " within " + timeout.toSeconds() + " s");
                }
                sleep(200);
                lock = tryLock(channel);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + folder + ": " + e.getMessage(), e);
        }
    }

    public String jdbcUrl() {
        return jdbcUrl(port, DATABASE);
    }

    public String username() {
        return USER;
    }

    public int port() {
        return port;
    }

    /** True when this process started or adopted the server and will stop it on close. */
    public boolean owned() {
        return ownerLock != null;
    }

    @Override
    public void close() {
        try {
            if (started != null) {
                started.close();
                log.info("Stopped embedded PostgreSQL on port {}", port);
            } else if (adoptedPid != null) {
                stopAdopted(adoptedPid);
            }
        } catch (IOException e) {
            log.warn("Could not stop embedded PostgreSQL cleanly: {}", e.getMessage());
        } finally {
            try {
                if (ownerLock != null) {
                    ownerLock.release();
                }
                if (lockChannel != null) {
                    lockChannel.close();
                }
            } catch (IOException e) {
                log.debug("Releasing the owner lock failed", e);
            }
        }
    }

    static String jdbcUrl(int port, String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    private static EmbeddedPostgresServer ready(EmbeddedPostgresServer server) {
        try (Connection c = DriverManager.getConnection(jdbcUrl(server.port, "postgres"), USER, "")) {
            if (!databaseExists(c)) {
                try (var st = c.createStatement()) {
                    st.execute("create database " + DATABASE);
                } catch (SQLException e) {
                    // Another process sharing the server may have created it a moment ago.
                    if (!databaseExists(c)) {
                        throw e;
                    }
                }
            }
        } catch (SQLException e) {
            server.close();
            throw new IllegalStateException("Embedded PostgreSQL on port " + server.port + " refused: " + e.getMessage(), e);
        }
        return server;
    }

    private static boolean databaseExists(Connection c) throws SQLException {
        try (var st = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            st.setString(1, DATABASE);
            return st.executeQuery().next();
        }
    }

    private static @Nullable FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held by this JVM (a second context in tests): treat as another owner
        }
    }

    /** The pid of a postmaster on {@code data} that accepts connections on {@code port}, if any. */
    private static Optional<Long> runningPostmaster(Path data, int port) throws IOException {
        Path pidFile = data.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(lines.getFirst().trim());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && accepts(port)) {
            return Optional.of(pid);
        }
        return Optional.empty();
    }

    private static boolean accepts(int port) {
        try (Connection ignored = DriverManager.getConnection(jdbcUrl(port, "postgres"), USER, "")) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private void stopAdopted(long pid) {
        // SIGTERM is PostgreSQL's "smart" shutdown; our pool is closed by now, so it completes at once.
        ProcessHandle.of(pid).ifPresent(p -> {
            p.destroy();
            try {
                p.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
                log.info("Stopped adopted embedded PostgreSQL (pid {})", pid);
            } catch (Exception e) {
                log.warn("Adopted embedded PostgreSQL (pid {}) did not stop within 30 s", pid);
            }
        });
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for PostgreSQL", e);
        }
    }
}
