package dev.ridgeline.voice;

import java.util.List;

import org.springframework.stereotype.Component;

import dev.ridgeline.connections.CheckResult;
import dev.ridgeline.connections.ConnectionType;
import dev.ridgeline.connections.ProviderAccount;
import dev.ridgeline.connections.ProviderDefinition;
import dev.ridgeline.connections.ProviderField;
import dev.ridgeline.voice.speech.ElevenLabsVoice;

/** The connection form for ElevenLabs, the voice of live AI calls in place of the local one. */
@Component
class ElevenLabsDefinition implements ProviderDefinition {

    static final String ID = "elevenlabs";

    @Override
    public ConnectionType type() {
        return ConnectionType.SPEECH;
    }

    @Override
    public String providerId() {
        return ID;
    }

    @Override
    public String displayName() {
        return "ElevenLabs";
    }

    @Override
    public String description() {
        return "The assistant's voice on live calls (streamed as 8 kHz µ-law, each line made once and kept). Flash "
                + "models cost 0.5 credit a character.";
    }

    @Override
    public List<ProviderField> settings() {
        return List.of(
                ProviderField.required("voiceId", "Voice ID", "from ElevenLabs' voice library, e.g. 21m00Tcm4TlvDq8ikWAM"),
                ProviderField.optional("model", "Model", "default " + ElevenLabsVoice.DEFAULT_MODEL + " (lowest delay)"),
                ProviderField.optional("baseUrl", "API address", "default " + ElevenLabsVoice.DEFAULT_BASE));
    }

    @Override
    public List<ProviderField> secrets() {
        return List.of(ProviderField.required("apiKey", "API key", "sent as xi-api-key"));
    }

    @Override
    public CheckResult check(ProviderAccount account) {
        String voice = account.setting("voiceId").orElse("");
        if (!voice.matches("[A-Za-z0-9_-]{1,64}")) {
            return CheckResult.failed("The voice ID is letters and digits, as shown in ElevenLabs' voice library");
        }
        String url = account.setting("baseUrl").orElse(ElevenLabsVoice.DEFAULT_BASE);
        return url.matches("https?://\\S+") ? CheckResult.ok("Saved. Turn on live calls in Settings → AI assistant, then "
                + "call your own phone to hear it.") : CheckResult.failed("The API address must start with https://");
    }
}
