package dev.ridgeline.platform.internal.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.ridgeline.platform.PlatformProperties;

/**
 * Where the master key comes from: {@code RIDGELINE_MASTER_KEY} when set, else {@code <home>/master.key}, created
 * (mode 0600) when the database has no keyset yet. During a rotation the new key is first written to
 * {@code master.key.next}; whichever of the two opens the stored keyset wins at the next start.
 */
public class MasterKeySource {

    private static final Logger log = LoggerFactory.getLogger(MasterKeySource.class);

    private final PlatformProperties properties;

    public MasterKeySource(PlatformProperties properties) {
        this.properties = properties;
    }

    public boolean fromEnvironment() {
        String configured = properties.masterKey();
        return configured != null && !configured.isBlank();
    }

    public Path file() {
        return properties.home().resolve("master.key");
    }

    Path nextFile() {
        return properties.home().resolve("master.key.next");
    }

    /** The key for a database that has no keyset yet: the configured one, the existing file, or a new file. */
    MasterKey forNewKeyset() {
        if (fromEnvironment()) {
            return MasterKey.fromBase64(properties.masterKey(), "RIDGELINE_MASTER_KEY");
        }
        return MasterKey.readFile(file()).orElseGet(() -> {
            MasterKey key = MasterKey.generate();
            key.writeFile(file(), false);
            log.info("Created a new master key file {} (mode 0600). Back it up: without it, stored secrets are lost.",
                    file());
            return MasterKey.readFile(file()).orElseThrow();
        });
    }

    /**
     * The key that opens the stored keyset; finishes or discards a half-done rotation of the key file.
     *
     * @param opens tells whether a key opens the stored keyset
     */
    MasterKey forExistingKeyset(Predicate<MasterKey> opens) {
        if (fromEnvironment()) {
            return MasterKey.fromBase64(properties.masterKey(), "RIDGELINE_MASTER_KEY");
        }
        var current = MasterKey.readFile(file());
        var next = MasterKey.readFile(nextFile());
        try {
            if (current.isPresent() && opens.test(current.get())) {
                Files.deleteIfExists(nextFile());
                return current.get();
            }
            if (next.isPresent() && opens.test(next.get())) {
                Files.move(nextFile(), file(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                log.info("Finished an interrupted master key rotation: {} now holds the new key", file());
                return MasterKey.readFile(file()).orElseThrow();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (current.isEmpty()) {
            throw new IllegalStateException("The database holds encrypted secrets but there is no master key: set "
                    + "RIDGELINE_MASTER_KEY or restore " + file());
        }
        return current.get();
    }

    /** Writes a rotated key beside the current one; {@link #commitNext()} makes it current. */
    void writeNext(MasterKey key) {
        key.writeFile(nextFile(), true);
    }

    void commitNext() {
        try {
            Files.move(nextFile(), file(), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not replace " + file() + " with " + nextFile()
                    + "; it will be finished at the next start", e);
        }
    }

    void discardNext() {
        try {
            Files.deleteIfExists(nextFile());
        } catch (IOException e) {
            log.warn("Could not delete {}", nextFile());
        }
    }
}
