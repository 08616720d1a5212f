package dev.ridgeline.outreach;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.springframework.stereotype.Service;

import dev.ridgeline.connections.ConnectionType;
import dev.ridgeline.connections.ConnectionsService;
import dev.ridgeline.connections.ProviderAccount;
import dev.ridgeline.outreach.sms.SmsSegments;
import dev.ridgeline.platform.TenantId;

/**
 * What a text costs before it is sent: its segments times the company's provider's price per segment (the
 * connection's "pricePerSegment" setting, else the provider's US list price; carrier fees come on top).
 */
@Service
public class SmsCost {

    /** Twilio's US price per segment, 2026 (reference/PROVIDERS.md 1.12). */
    static final BigDecimal TWILIO = new BigDecimal("0.0083");
    /** Telnyx's rate in its published webhook example (rate only; carrier fee extra). */
    static final BigDecimal TELNYX = new BigDecimal("0.0021");

    /** A text's count and price. */
    public record Estimate(SmsSegments segments, BigDecimal perSegment, BigDecimal total, String provider) {

        public String words() {
            return segments.encoding().label() + " · " + segments.segments() + " segment"
                    + (segments.segments() == 1 ? "" : "s") + " · " + segments.characters() + " characters"
                    + (perSegment.signum() == 0 ? " · free in the sandbox"
                            : " · about $" + total.setScale(4, RoundingMode.HALF_UP).toPlainString() + " at "
                                    + provider + " (plus carrier fees)");
        }
    }

    private final ConnectionsService connections;

    public SmsCost(ConnectionsService connections) {
        this.connections = connections;
    }

    public Estimate estimate(TenantId tenant, String text) {
        SmsSegments s = SmsSegments.of(text);
        ProviderAccount account = connections.activeAccount(tenant, ConnectionType.SMS);
        BigDecimal price = account.setting("pricePerSegment").flatMap(SmsCost::decimal).orElse(switch (account.providerId()) {
            case "twilio" -> TWILIO;
            case "telnyx" -> TELNYX;
            default -> BigDecimal.ZERO;
        });
        return new Estimate(s, price, price.multiply(BigDecimal.valueOf(s.segments())), account.providerId());
    }

    private static java.util.Optional<BigDecimal> decimal(String text) {
        try {
            return java.util.Optional.of(new BigDecimal(text.strip().replace("$", "")));
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }
}
