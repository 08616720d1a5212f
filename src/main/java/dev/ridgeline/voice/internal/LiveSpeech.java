package dev.ridgeline.voice.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import dev.ridgeline.connections.ConnectionType;
import dev.ridgeline.connections.ConnectionsService;
import dev.ridgeline.connections.ProviderAccount;
import dev.ridgeline.platform.PlatformProperties;
import dev.ridgeline.platform.TenantId;
import dev.ridgeline.voice.speech.ElevenLabsVoice;
import dev.ridgeline.voice.speech.FallbackVoice;
import dev.ridgeline.voice.speech.HostedTranscription;
import dev.ridgeline.voice.speech.LocalVoice;
import dev.ridgeline.voice.speech.Pocketsphinx;
import dev.ridgeline.voice.speech.PromptCache;
import dev.ridgeline.voice.speech.SpeechToText;
import dev.ridgeline.voice.speech.TextToSpeech;

/**
 * The voice and the ears of a company's live calls. The voice: its ElevenLabs connection (Settings → Connections →
 * Speech) where it has one (the local voice speaking for it when it fails), else the local voice ({@code ridgeline.voice.local-voice}: espeak-ng, the fastest, or
 * festival); either way each line is made once and kept ({@code <home>/voice/prompts}). The ears: the transcription
 * model of its language-model connection where one is set, else PocketSphinx with the model of the call's own words.
 * Local engines are looked for once; where none is installed, live calls are not offered and calls go turn by turn.
 */
@Component
public class LiveSpeech {

    private static final Logger log = LoggerFactory.getLogger(LiveSpeech.class);

    private final ConnectionsService connections;
    private final Path folder;
    private final String localVoiceName;
    private final Map<String, TextToSpeech> voices = new ConcurrentHashMap<>();
    private volatile @Nullable Optional<TextToSpeech> localVoice;
    private volatile @Nullable Optional<SpeechToText> localEars;
    private volatile @Nullable Optional<TextToSpeech> sandboxCaller;

    LiveSpeech(ConnectionsService connections, PlatformProperties platform,
            @Value("${ridgeline.voice.local-voice:espeak-ng}") String localVoice) {
        this.connections = connections;
        this.folder = platform.home().resolve("voice");
        this.localVoiceName = localVoice;
    }

    /** Whether a live call can be held for the company: something to speak with and something to hear with. */
    public boolean ready(TenantId tenant) {
        return voice(tenant).isPresent() && ears(tenant).isPresent();
    }

    public Optional<TextToSpeech> voice(TenantId tenant) {
        ProviderAccount account = connections.activeAccount(tenant, ConnectionType.SPEECH);
        if ("elevenlabs".equals(account.providerId()) && account.secret("apiKey").isPresent()) {
            String voiceId = account.setting("voiceId").orElse("");
            String model = account.setting("model").orElse(ElevenLabsVoice.DEFAULT_MODEL);
            String base = account.setting("baseUrl").orElse(ElevenLabsVoice.DEFAULT_BASE);
            // A new key (or voice, model, address) makes a new engine; the prompts already made stay on disk.
            String key = account.connectionId() + "|" + voiceId + "|" + model + "|" + base + "|"
                    + account.secret("apiKey").orElseThrow().reveal().hashCode();
            TextToSpeech hosted = voices.computeIfAbsent(key, k -> new PromptCache(new ElevenLabsVoice(base, voiceId,
                    model, account.secret("apiKey").orElseThrow().reveal(), Duration.ofSeconds(10)),
                    folder.resolve("prompts"), 500));
            return Optional.of(local().map(l -> (TextToSpeech) new FallbackVoice(hosted, l)).orElse(hosted));
        }
        return local();
    }

    public Optional<SpeechToText> ears(TenantId tenant) {
        ProviderAccount account = connections.activeAccount(tenant, ConnectionType.LANGUAGE);
        Optional<String> model = account.setting("transcriptionModel").filter(m -> !m.isBlank());
        if ("openai-compatible".equals(account.providerId()) && model.isPresent()) {
            return Optional.of(new HostedTranscription(account.setting("baseUrl").orElse("https://api.openai.com/v1"),
                    model.get(), account.secret("apiKey").map(s -> s.reveal()).orElse(""), Duration.ofSeconds(5)));
        }
        return localEars();
    }

    /**
     * The sandbox homeowner's voice: Festival's natural voice where installed (a different voice from the
     * assistant's, as on a real call), else the local voice.
     */
    public Optional<TextToSpeech> sandboxCaller() {
        Optional<TextToSpeech> v = sandboxCaller;
        if (v == null) {
            v = LocalVoice.find(LocalVoice.Engine.FESTIVAL).map(f -> (TextToSpeech) new PromptCache(f, null, 200))
                    .or(this::local);
            sandboxCaller = v;
        }
        return v;
    }

    private Optional<TextToSpeech> local() {
        Optional<TextToSpeech> v = localVoice;
        if (v == null) {
            synchronized (this) {
                if (localVoice == null) {
                    localVoice = LocalVoice.find(LocalVoice.Engine.named(localVoiceName))
                            .map(engine -> (TextToSpeech) new PromptCache(engine, folder.resolve("prompts"), 500));
                    if (localVoice.isEmpty()) {
                        log.info("No local voice ({}) installed: live calls need ElevenLabs or apt-get install espeak-ng",
                                localVoiceName);
                    }
                }
                v = localVoice;
            }
        }
        return v;
    }

    private Optional<SpeechToText> localEars() {
        Optional<SpeechToText> e = localEars;
        if (e == null) {
            synchronized (this) {
                if (localEars == null) {
                    localEars = Pocketsphinx.domain(callWords(), folder.resolve("language-model"))
                            .map(p -> (SpeechToText) p);
                    if (localEars.isEmpty()) {
                        log.info("PocketSphinx not installed: live calls need a transcription model or "
                                + "apt-get install pocketsphinx pocketsphinx-en-us");
                    }
                }
                e = localEars;
            }
        }
        return e;
    }

    /** The sentences of the call-words language model, shipped with the application. */
    public static List<String> callWords() {
        try (InputStream in = LiveSpeech.class.getResourceAsStream("/voice/call-words.txt")) {
            if (in == null) {
                throw new IllegalStateException("voice/call-words.txt is missing from the application");
            }
            return Arrays.asList(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
