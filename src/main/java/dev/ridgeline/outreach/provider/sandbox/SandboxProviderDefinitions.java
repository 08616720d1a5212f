package dev.ridgeline.outreach.provider.sandbox;

import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.ridgeline.connections.CheckResult;
import dev.ridgeline.connections.ConnectionType;
import dev.ridgeline.connections.ProviderAccount;
import dev.ridgeline.connections.ProviderDefinition;
import dev.ridgeline.connections.ProviderField;

/** The sandbox as a connectable provider for each channel: the default, and what a tenant can switch back to. */
@Configuration(proxyBeanMethods = false)
class SandboxProviderDefinitions {

    record Sandbox(ConnectionType type, String description) implements ProviderDefinition {

        @Override
        public String providerId() {
            return "sandbox";
        }

        @Override
        public String displayName() {
            return "Sandbox (Outbox only)";
        }

        @Override
        public List<ProviderField> settings() {
            return type == ConnectionType.EMAIL ? List.of(
                    ProviderField.optional("fromAddress", "From address",
                            "the address this pretend mailbox sends as, e.g. mike@yourcompany.com"),
                    ProviderField.optional("dailyCap", "Daily cap", "marketing emails a day; none by default"),
                    ProviderField.optional("warmUp", "Warm-up", "on (default): 10 a day at first, 5 more each day"))
                    : List.of();
        }

        @Override
        public List<ProviderField> secrets() {
            return List.of();
        }

        @Override
        public CheckResult check(ProviderAccount account) {
            return CheckResult.ok("The sandbox is always available; nothing leaves this server.");
        }
    }

    @Bean
    ProviderDefinition sandboxEmail() {
        return new Sandbox(ConnectionType.EMAIL, "Email is recorded in the Outbox and never leaves the server. "
                + "Addresses starting with bounce@ or reject@ simulate failures; full@ bounces softly and is sent again; defer@ is told to try again later.");
    }

    @Bean
    ProviderDefinition sandboxSms() {
        return new Sandbox(ConnectionType.SMS, "Texts are recorded in the Outbox with realistic delivery callbacks. "
                + "Twilio's test numbers (+15005550001 and others) simulate failures.");
    }

    @Bean
    ProviderDefinition sandboxVoice() {
        return new Sandbox(ConnectionType.VOICE, "Calls are simulated: ringing, answered, completed. "
                + "+15005550011 is busy, +15005550012 does not answer.");
    }
}
