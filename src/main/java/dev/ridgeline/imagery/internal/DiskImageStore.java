package dev.ridgeline.imagery.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/** Images in a folder, two levels of hash prefix deep ({@code ab/cd/abcd…}), each written once and atomically. */
public class DiskImageStore implements ImageStore {

    private final Path root;

    public DiskImageStore(Path root) {
        this.root = root;
    }

    @Override
    public String put(byte[] bytes, String contentType) {
        String hash = ImageStore.hash(bytes);
        Path file = path(hash);
        if (Files.exists(file)) {
            return hash;
        }
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), hash, ".part");
            Files.write(tmp, bytes);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("could not store image " + hash + " under " + root, e);
        }
        return hash;
    }

    @Override
    public Optional<byte[]> get(String hash) {
        if (!ImageStore.valid(hash)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readAllBytes(path(hash)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void delete(String hash) {
        if (!ImageStore.valid(hash)) {
            return;
        }
        try {
            Files.deleteIfExists(path(hash));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String kind() {
        return "disk";
    }

    private Path path(String hash) {
        return root.resolve(hash.substring(0, 2)).resolve(hash.substring(2, 4)).resolve(hash);
    }
}
