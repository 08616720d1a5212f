package dev.ridgeline.outreach.internal;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import dev.ridgeline.outreach.EmailProvider;
import dev.ridgeline.outreach.FailureClass;
import dev.ridgeline.outreach.ProviderException;
import dev.ridgeline.outreach.SmsProvider;
import dev.ridgeline.outreach.VoiceProvider;

/** Finds the adapter for a provider id; a connection naming an adapter this build lacks fails that send only. */
@Component
public class ProviderRegistry {

    private final Map<String, EmailProvider> email;
    private final Map<String, SmsProvider> sms;
    private final Map<String, VoiceProvider> voice;

    ProviderRegistry(List<EmailProvider> email, List<SmsProvider> sms, List<VoiceProvider> voice) {
        this.email = email.stream().collect(Collectors.toMap(EmailProvider::id, Function.identity()));
        this.sms = sms.stream().collect(Collectors.toMap(SmsProvider::id, Function.identity()));
        this.voice = voice.stream().collect(Collectors.toMap(VoiceProvider::id, Function.identity()));
    }

    EmailProvider email(String id) {
        return require(email.get(id), "email", id);
    }

    SmsProvider sms(String id) {
        return require(sms.get(id), "SMS", id);
    }

    public VoiceProvider voice(String id) {
        return require(voice.get(id), "voice", id);
    }

    private static <T> T require(T provider, String kind, String id) {
        if (provider == null) {
            throw new ProviderException(FailureClass.PERMANENT, "provider-unavailable",
                    "this build has no " + kind + " adapter for provider '" + id + "'");
        }
        return provider;
    }
}
