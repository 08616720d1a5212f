package dev.ridgeline.claims;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import dev.ridgeline.identity.IdentityService;
import dev.ridgeline.imagery.ImageryService;
import dev.ridgeline.imagery.StoredImage;
import dev.ridgeline.leads.Lead;
import dev.ridgeline.leads.LeadsService;
import dev.ridgeline.platform.Actor;
import dev.ridgeline.platform.InvalidInputException;
import dev.ridgeline.property.PropertyDetails;
import dev.ridgeline.property.PropertyService;
import dev.ridgeline.signals.NearbyStorm;

/**
 * The storm verification sheet for an adjuster, as a PDF: the home, the claim (carrier, number, date and cause of
 * loss), every storm report near the home on record with its date, size and distance (the one matching the date of
 * loss marked), and the aerial or street views from before and after the storm where the imagery sources have them,
 * each with its source, capture date and attribution.
 */
@Service
public class StormSheet {

    private static final Logger log = LoggerFactory.getLogger(StormSheet.class);
    private static final float MARGIN = 50;

    private final LeadsService leads;
    private final PropertyService properties;
    private final ImageryService imagery;
    private final ClaimsService claims;
    private final IdentityService identity;
    private final java.time.Clock clock;

    StormSheet(LeadsService leads, PropertyService properties, ImageryService imagery, ClaimsService claims,
            IdentityService identity, java.time.Clock clock) {
        this.leads = leads;
        this.properties = properties;
        this.imagery = imagery;
        this.claims = claims;
        this.identity = identity;
        this.clock = clock;
    }

    /** The sheet for a lead's home. */
    public byte[] pdf(Actor actor, UUID leadId) {
        Lead lead = leads.get(actor, leadId);
        UUID property = leads.propertyOf(actor.tenantId(), leadId).orElseThrow(() -> InvalidInputException.of("lead",
                lead.place() + " is not linked to a property, so no storm reports are matched to it"));
        PropertyDetails details = properties.details(actor, property);
        Optional<Claim> claim = claims.forLead(actor, leadId);
        LocalDate loss = claim.map(Claim::dateOfLoss).orElse(null);
        List<NearbyStorm> storms = details.storms().stream()
                .sorted(Comparator.comparing((NearbyStorm s) -> s.report().reportDate()).reversed()
                        .thenComparingDouble(NearbyStorm::miles)).limit(25).toList();
        LocalDate stormDay = loss != null ? loss : storms.isEmpty() ? null : storms.getFirst().report().reportDate();
        Optional<ImageryService.BeforeAfter> views = Optional.empty();
        if (stormDay != null) {
            try {
                views = imagery.beforeAfter(actor, property, stormDay);
            } catch (RuntimeException e) {
                log.warn("No before and after views for the storm sheet of lead {}: {}", leadId, e.getMessage());
            }
        }
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Writer w = new Writer(doc);
            w.title("Storm verification");
            w.line(identity.getTenant(actor.tenantId()).name() + " - prepared " + LocalDate.now(clock), 9, false);
            w.gap(8);
            w.heading("Property");
            w.line(details.property().address() + (details.property().city() == null ? "" : ", "
                    + details.property().city()) + (details.property().state() == null ? "" : ", "
                    + details.property().state()) + (details.property().postalCode() == null ? "" : " "
                    + details.property().postalCode()), 11, false);
            if (lead.homeownerName() != null) {
                w.line("Homeowner: " + lead.homeownerName(), 10, false);
            }
            if (details.property().latitude() != null) {
                w.line(String.format(Locale.ROOT, "Location: %.5f, %.5f", details.property().latitude(),
                        details.property().longitude()), 10, false);
            }
            if (claim.isPresent()) {
                Claim c = claim.get();
                w.heading("Claim");
                w.line("Carrier: " + nz(c.carrier()) + "   Claim number: " + nz(c.claimNumber()) + "   Policy: "
                        + nz(c.policyNumber()), 10, false);
                w.line("Date of loss: " + (c.dateOfLoss() == null ? "not set" : c.dateOfLoss()) + "   Cause: " + c.cause()
                        + "   Status: " + c.status().label(), 10, false);
                if (c.stormHeadline() != null) {
                    w.line(String.format(Locale.ROOT, "Matching storm report: %s, %.1f mi from the home",
                            c.stormHeadline(), c.stormMiles()), 10, true);
                }
            }
            w.heading("Storm reports within " + Math.round(details.stormRadiusMiles()) + " miles, last "
                    + details.stormYears() + " years");
            if (storms.isEmpty()) {
                w.line("None on record.", 10, false);
            }
            for (NearbyStorm s : storms) {
                boolean match = loss != null && Math.abs(s.report().reportDate().toEpochDay() - loss.toEpochDay()) <= 1;
                w.line(String.format(Locale.ROOT, "%s  %-22s %5.1f mi  %s%s", s.report().reportDate(),
                        s.report().headline(), s.miles(), nz(s.report().location())
                                + (s.report().state() == null ? "" : ", " + s.report().state()),
                        match ? "   <- date of loss" : ""), 9, match);
            }
            w.line("Source: NOAA Storm Prediction Center preliminary reports and NCEI Storm Events, as imported.", 8,
                    false);
            if (views.isPresent()) {
                ImageryService.BeforeAfter ba = views.get();
                w.heading("Views before and after " + ba.stormDay());
                w.images(doc, image(actor, ba.before()), caption("Before", ba.before()), image(actor, ba.after()),
                        caption("After", ba.after()));
            } else {
                w.heading("Views before and after");
                w.line("No imagery source has views of this home from both before and after the storm.", 10, false);
            }
            w.close();
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("the storm sheet could not be written", e);
        }
    }

    private byte @Nullable [] image(Actor actor, StoredImage image) {
        try {
            return imagery.content(actor, image.id()).getValue();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String caption(String when, StoredImage i) {
        return when + ": " + i.sourceName() + (i.capturedOn() == null ? "" : ", " + i.capturedOn()) + ". "
                + i.attribution();
    }

    private static String nz(@Nullable String s) {
        return s == null || s.isBlank() ? "-" : s;
    }

    /** Lines down the page, a new page when one is full. */
    private static final class Writer {
        private final PDDocument doc;
        private final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
        private PDPageContentStream content;
        private float y;

        Writer(PDDocument doc) throws IOException {
            this.doc = doc;
            newPage();
        }

        private void newPage() throws IOException {
            if (content != null) {
                content.close();
            }
            PDPage page = new PDPage(PDRectangle.LETTER);
            doc.addPage(page);
            content = new PDPageContentStream(doc, page);
            y = PDRectangle.LETTER.getHeight() - MARGIN;
        }

        void title(String text) throws IOException {
            line(text, 18, true);
        }

        void heading(String text) throws IOException {
            gap(8);
            line(text, 12, true);
        }

        void gap(float points) {
            y -= points;
        }

        void line(String text, float size, boolean strong) throws IOException {
            float width = PDRectangle.LETTER.getWidth() - 2 * MARGIN;
            PDType1Font font = strong ? bold : regular;
            String rest = plain(text);
            while (!rest.isEmpty()) {
                int n = rest.length();
                while (n > 1 && font.getStringWidth(rest.substring(0, n)) / 1000 * size > width) {
                    int space = rest.lastIndexOf(' ', n - 1);
                    n = space > 0 ? space : n - 1;
                }
                if (y < MARGIN + size) {
                    newPage();
                }
                content.beginText();
                content.setFont(font, size);
                content.newLineAtOffset(MARGIN, y - size);
                content.showText(rest.substring(0, n));
                content.endText();
                y -= size * 1.35f;
                rest = rest.substring(n).stripLeading();
            }
        }

        void images(PDDocument doc, byte @Nullable [] before, String beforeCaption, byte @Nullable [] after,
                String afterCaption) throws IOException {
            float side = (PDRectangle.LETTER.getWidth() - 2 * MARGIN - 20) / 2;
            if (y - side < MARGIN + 40) {
                newPage();
            }
            float top = y;
            draw(doc, before, MARGIN, top, side);
            draw(doc, after, MARGIN + side + 20, top, side);
            y = top - side - 6;
            line(beforeCaption, 8, false);
            line(afterCaption, 8, false);
        }

        private void draw(PDDocument doc, byte @Nullable [] bytes, float x, float top, float side) throws IOException {
            if (bytes == null) {
                return;
            }
            PDImageXObject img = PDImageXObject.createFromByteArray(doc, bytes, "view");
            float scale = Math.min(side / img.getWidth(), side / img.getHeight());
            content.drawImage(img, x, top - img.getHeight() * scale, img.getWidth() * scale, img.getHeight() * scale);
        }

        void close() throws IOException {
            content.close();
        }

        /** Only what the standard fonts' encoding has: others become their nearest plain form. */
        private static String plain(String s) {
            return s.replace('→', '>').replace('–', '-').replace('—', '-').replace('’', '\'').replace('“', '"')
                    .replace('”', '"').replace("©", "(c)").replaceAll("[^\\x20-\\x7E\\xA0-\\xFF]", "?");
        }
    }
}
