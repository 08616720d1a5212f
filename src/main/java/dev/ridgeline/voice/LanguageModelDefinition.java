package dev.ridgeline.voice;

import java.util.List;

import org.springframework.stereotype.Component;

import dev.ridgeline.connections.CheckResult;
import dev.ridgeline.connections.ConnectionType;
import dev.ridgeline.connections.ProviderAccount;
import dev.ridgeline.connections.ProviderDefinition;
import dev.ridgeline.connections.ProviderField;

/**
 * The connection form for a language model that understands callers in place of the built-in rules: any
 * OpenAI-compatible chat-completions endpoint (OpenAI, Azure OpenAI, a local server such as llama.cpp or vLLM).
 */
@Component
class LanguageModelDefinition implements ProviderDefinition {

    static final String ID = "openai-compatible";

    @Override
    public ConnectionType type() {
        return ConnectionType.LANGUAGE;
    }

    @Override
    public String providerId() {
        return ID;
    }

    @Override
    public String displayName() {
        return "OpenAI-compatible chat model";
    }

    @Override
    public String description() {
        return "Understands what people say on AI calls with a chat-completions model instead of the built-in rules. "
                + "It must answer within 1.5 seconds; when it does not, or fails, the built-in rules answer.";
    }

    @Override
    public List<ProviderField> settings() {
        return List.of(
                ProviderField.required("baseUrl", "API address", "e.g. https://api.openai.com/v1 or "
                        + "http://localhost:8080/v1"),
                ProviderField.required("model", "Model", "e.g. gpt-4o-mini"),
                ProviderField.optional("instructions", "Script and tone notes", "added to the model's instructions"),
                ProviderField.optional("transcriptionModel", "Transcription model (live calls)", "e.g. whisper-1 or "
                        + "gpt-4o-mini-transcribe at the same address; empty: live calls are heard on this server"));
    }

    @Override
    public List<ProviderField> secrets() {
        return List.of(ProviderField.optional("apiKey", "API key", "sent as a bearer token"));
    }

    @Override
    public CheckResult check(ProviderAccount account) {
        String url = account.setting("baseUrl").orElse("");
        return url.matches("https?://\\S+") ? CheckResult.ok("The address looks right. Call your own phone to try it.")
                : CheckResult.failed("The API address must start with http:// or https://");
    }
}
