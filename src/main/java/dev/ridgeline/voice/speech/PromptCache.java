package dev.ridgeline.voice.speech;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spoken prompts kept once made: a call's fixed lines (the disclosure, the questions, the goodbyes) are spoken from
 * memory at once, and a paid engine is paid once per line. Filed under the engine and voice plus the exact words,
 * in memory (least recently used out first) and, where a folder is given, on disk as µ-law, so a restart keeps
 * them.
 */
public final class PromptCache implements TextToSpeech {

    private static final Logger log = LoggerFactory.getLogger(PromptCache.class);

    private final TextToSpeech engine;
    private final @Nullable Path folder;
    private final Map<String, Audio> memory;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    public PromptCache(TextToSpeech engine, @Nullable Path folder, int entries) {
        this.engine = engine;
        this.folder = folder;
        this.memory = java.util.Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Audio> eldest) {
                return size() > entries;
            }
        });
    }

    @Override
    public String name() {
        return engine.name();
    }

    @Override
    public Audio speak(String text) {
        String key = key(text);
        Audio audio = memory.get(key);
        if (audio == null && folder != null) {
            audio = fromDisk(key);
        }
        if (audio != null) {
            hits.incrementAndGet();
            memory.put(key, audio);
            return audio;
        }
        misses.incrementAndGet();
        audio = engine.speak(text);
        memory.put(key, audio);
        toDisk(key, audio);
        return audio;
    }

    @Override
    public void stream(String text, Consumer<Audio> pieces) {
        String key = key(text);
        Audio audio = memory.get(key);
        if (audio == null && folder != null) {
            audio = fromDisk(key);
        }
        if (audio != null) {
            hits.incrementAndGet();
            memory.put(key, audio);
            pieces.accept(audio);
            return;
        }
        misses.incrementAndGet();
        Audio[] whole = {Audio.silence(0)};
        engine.stream(text, piece -> {
            whole[0] = whole[0].append(piece);
            pieces.accept(piece);
        });
        memory.put(key, whole[0]);
        toDisk(key, whole[0]);
    }

    /** Makes the prompts ahead of the first call that needs them. */
    public void warm(Iterable<String> lines) {
        for (String line : lines) {
            try {
                speak(line);
            } catch (SpeechException e) {
                log.warn("Could not make the prompt ahead of time: {}", e.getMessage());
                return;
            }
        }
    }

    public long hits() {
        return hits.get();
    }

    public long misses() {
        return misses.get();
    }

    private String key(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((engine.name() + "\n" + text.strip()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private @Nullable Audio fromDisk(String key) {
        Path file = folder.resolve(key + ".ulaw");
        try {
            return Files.exists(file) ? Audio.ofMuLaw(Files.readAllBytes(file)) : null;
        } catch (IOException e) {
            log.warn("Could not read the cached prompt {}: {}", file, e.getMessage());
            return null;
        }
    }

    private void toDisk(String key, Audio audio) {
        if (folder == null) {
            return;
        }
        try {
            Files.createDirectories(folder);
            Path tmp = Files.createTempFile(folder, key, ".part");
            Files.write(tmp, audio.muLaw());
            Files.move(tmp, folder.resolve(key + ".ulaw"), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            log.warn("Could not keep the prompt in {}: {}", folder, e.getMessage());
        }
    }
}
