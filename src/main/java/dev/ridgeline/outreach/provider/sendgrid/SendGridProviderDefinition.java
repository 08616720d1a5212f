package dev.ridgeline.outreach.provider.sendgrid;

import java.util.List;

import org.springframework.stereotype.Component;

import dev.ridgeline.connections.CheckResult;
import dev.ridgeline.connections.ConnectionType;
import dev.ridgeline.connections.ProviderAccount;
import dev.ridgeline.connections.ProviderDefinition;
import dev.ridgeline.connections.ProviderField;

/** The SendGrid connection form. */
@Component
class SendGridProviderDefinition implements ProviderDefinition {

    @Override
    public ConnectionType type() {
        return ConnectionType.EMAIL;
    }

    @Override
    public String providerId() {
        return SendGridEmailProvider.ID;
    }

    @Override
    public String displayName() {
        return "SendGrid";
    }

    @Override
    public String description() {
        return "Bulk and marketing email through SendGrid on your own authenticated domain. Point SendGrid's signed "
                + "Event Webhook at https://<this server>/hooks/sendgrid/<your company id> so deliveries, bounces "
                + "and spam reports come back.";
    }

    @Override
    public List<ProviderField> settings() {
        return List.of(
                ProviderField.required("fromAddress", "From address", "a verified sender or an address on your "
                        + "authenticated domain"),
                ProviderField.optional("fromName", "From name", "e.g. your company name"),
                ProviderField.required("webhookPublicKey", "Event Webhook verification key", "Settings, Mail "
                        + "Settings, Signed Event Webhook: the public key (base64)"),
                ProviderField.optional("baseUrl", "API address", "https://api.sendgrid.com (default), or "
                        + "https://api.eu.sendgrid.com for EU subusers"),
                ProviderField.optional("dailyCap", "Daily cap", "marketing emails a day; none by default"),
                ProviderField.optional("warmUp", "Warm-up", "on (default) when a cap is set: 10 a day at first, 5 "
                        + "more each day; off"));
    }

    @Override
    public List<ProviderField> secrets() {
        return List.of(ProviderField.required("apiKey", "API key", "SG.…, with the Mail Send permission"));
    }

    @Override
    public CheckResult check(ProviderAccount account) {
        try {
            SendGridEvents.publicKey(account.setting("webhookPublicKey").orElse(""));
        } catch (IllegalArgumentException e) {
            return CheckResult.failed(e.getMessage());
        }
        return account.secret("apiKey").map(k -> k.reveal().startsWith("SG.")
                ? CheckResult.ok("API key and webhook key look right. Send a test message to be sure.")
                : CheckResult.failed("A SendGrid API key starts with SG.")).orElse(CheckResult.failed("No API key"));
    }
}
