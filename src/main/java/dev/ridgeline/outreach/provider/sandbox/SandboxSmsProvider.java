package dev.ridgeline.outreach.provider.sandbox;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import javax.imageio.ImageIO;

import org.springframework.stereotype.Component;

import dev.ridgeline.connections.ProviderAccount;
import dev.ridgeline.outreach.FailureClass;
import dev.ridgeline.outreach.MessageStatus;
import dev.ridgeline.outreach.ProviderException;
import dev.ridgeline.outreach.ProviderReceipt;
import dev.ridgeline.outreach.SmsEnvelope;
import dev.ridgeline.outreach.SmsProvider;

/** Delivers texts into the Outbox with Twilio-shaped ids (SM + 32 hex) and Twilio's test-number behaviour. */
@Component
class SandboxSmsProvider implements SmsProvider, dev.ridgeline.outreach.HandOverLookup {

    private final SandboxTimeline timeline;
    private final SandboxLedger ledger;

    SandboxSmsProvider(SandboxTimeline timeline, SandboxLedger ledger) {
        this.timeline = timeline;
        this.ledger = ledger;
    }

    @Override
    public String id() {
        return "sandbox";
    }

    @Override
    public ProviderReceipt send(SmsEnvelope sms, ProviderAccount account) {
        var steps = SandboxRules.sms(sms.to());
        String vendorId = "SM" + sms.messageId().toString().replace("-", "");
        ledger.accepted(account, sms.messageId(), "SMS");
        timeline.play(account.tenantId(), vendorId, steps);
        return new ProviderReceipt(vendorId, MessageStatus.SENDING, null);
    }

    /** A batch: the ledger and the callbacks of every text it takes in a statement each. */
    @Override
    public java.util.List<dev.ridgeline.outreach.Handover> sendAll(java.util.List<SmsEnvelope> texts,
            ProviderAccount account) {
        return SandboxLedger.batch(texts, SmsEnvelope::messageId, t -> SandboxRules.sms(t.to()),
                id -> "SM" + id.toString().replace("-", ""), MessageStatus.SENDING, "SMS", account, ledger, timeline);
    }

    /**
     * The sandbox's MMS: {@code sandbox:roof-photo} is a drawn picture of a roof with a blue tarp, drawn here (shapes
     * only, no fonts needed) so the conversation shows a picture without any network or any image that may not be
     * shipped.
     */
    @Override
    public FetchedMedia fetchMedia(String url, ProviderAccount account, int maxBytes) {
        if (!"sandbox:roof-photo".equals(url)) {
            throw new ProviderException(FailureClass.PERMANENT, "not-found", "the sandbox has no media at " + url);
        }
        BufferedImage image = new BufferedImage(480, 320, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setPaint(new GradientPaint(0, 0, new Color(0x9cc4e8), 0, 320, new Color(0xe4eef7)));
            g.fillRect(0, 0, 480, 320);
            g.setColor(new Color(0xd9cbb0));
            g.fillRect(90, 170, 300, 150);
            Polygon roof = new Polygon(new int[] {60, 240, 420}, new int[] {180, 60, 180}, 3);
            g.setColor(new Color(0x4a4a52));
            g.fill(roof);
            g.setColor(new Color(0x3a3a40));
            for (int y = 75; y < 180; y += 12) {
                g.drawLine(240 - (y - 60) * 3 / 2, y, 240 + (y - 60) * 3 / 2, y);
            }
            g.setColor(new Color(0x1f6fd1));
            g.fill(new Polygon(new int[] {250, 330, 350, 262}, new int[] {95, 125, 160, 140}, 4));
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new ProviderException(FailureClass.RETRYABLE, "io", "the sandbox photo could not be drawn", e);
        }
        return new FetchedMedia("image/png", png.toByteArray());
    }

    /** The sandbox keeps a ledger of what it accepted, so it can say whether it holds a message. */
    @Override
    public java.util.Optional<ProviderReceipt> handedOver(java.util.UUID messageId, ProviderAccount account) {
        return ledger.has(messageId) ? java.util.Optional.of(new ProviderReceipt("SM" + messageId.toString().replace("-", ""), MessageStatus.SENDING, null))
                : java.util.Optional.empty();
    }
}
