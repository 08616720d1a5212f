package dev.ridgeline.insight.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

import dev.ridgeline.insight.EngagementKind;
import dev.ridgeline.insight.RoofAgeSource;

/**
 * The evidence behind a score that no query filters or sorts on, packed into one {@code bytea} of
 * {@code insight.home_score} ({@code evidence}): one value for PostgreSQL to store and send instead of twenty, which
 * is what a million-row write or read costs. Big-endian; a version byte first, so that a later layout can still
 * read this one.
 */
final class Evidence {

    /** Layout 2 adds the roof analysis (urgency, day, reason) at the end; layout 1 is still read. */
    private static final byte VERSION = 2;
    private static final int NO_DAY = Integer.MIN_VALUE;

    private Evidence() {
    }

    static byte[] pack(HomeFeatures h) {
        String text = h.roofEvidence == null || h.roofEvidence.length() <= 2000 ? h.roofEvidence
                : h.roofEvidence.substring(0, 2000);
        byte[] roofEvidence = text == null ? null : text.getBytes(StandardCharsets.UTF_8);
        String finding = h.roofFinding == null || h.roofFinding.length() <= 300 ? h.roofFinding
                : h.roofFinding.substring(0, 300);
        byte[] roofFinding = finding == null ? null : finding.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(72 + 8 + (roofEvidence == null ? 0 : roofEvidence.length)
                + (roofFinding == null ? 0 : roofFinding.length));
        b.put(VERSION);
        b.putInt(h.yearBuilt == null ? Integer.MIN_VALUE : h.yearBuilt);
        b.putFloat((float) h.hailMiles).putInt(h.hailReports);
        b.putFloat((float) h.windKnots).putInt(day(h.windOn)).putFloat((float) h.windMiles).put((byte) (h.tornado ? 1 : 0));
        b.putInt(h.radarDetections).putInt(day(h.radarOn));
        b.put((byte) h.roofSource.ordinal()).putFloat((float) h.roofConfidence);
        b.putShort((short) (roofEvidence == null ? -1 : roofEvidence.length));
        if (roofEvidence != null) {
            b.put(roofEvidence);
        }
        b.putInt(h.neighboursReroofed).putInt(h.waveSize).putInt(day(h.waveSince)).putInt(h.zipClaims);
        b.put((byte) (h.engagement == null ? -1 : h.engagement.ordinal())).putInt(day(h.engagedOn));
        b.put((byte) Math.max(-1, Math.min(100, h.roofUrgency))).putInt(day(h.roofAnalysedOn));
        b.putShort((short) (roofFinding == null ? -1 : roofFinding.length));
        if (roofFinding != null) {
            b.put(roofFinding);
        }
        return b.position() == b.capacity() ? b.array() : java.util.Arrays.copyOf(b.array(), b.position());
    }

    /** Fills the packed fields of {@code h} from {@code bytes}. */
    static void unpack(byte[] bytes, int length, HomeFeatures h) {
        ByteBuffer b = ByteBuffer.wrap(bytes, 0, length);
        byte version = b.get();
        if (version != 1 && version != VERSION) {
            throw new IllegalStateException("evidence of layout " + version + " is not known to this version");
        }
        int yearBuilt = b.getInt();
        h.yearBuilt = yearBuilt == Integer.MIN_VALUE ? null : yearBuilt;
        h.hailMiles = b.getFloat();
        h.hailReports = b.getInt();
        h.windKnots = b.getFloat();
        h.windOn = day(b.getInt());
        h.windMiles = b.getFloat();
        h.tornado = b.get() != 0;
        h.radarDetections = b.getInt();
        h.radarOn = day(b.getInt());
        h.roofSource = RoofAgeSource.values()[b.get()];
        h.roofConfidence = b.getFloat();
        short evidence = b.getShort();
        if (evidence >= 0) {
            byte[] text = new byte[evidence];
            b.get(text);
            h.roofEvidence = new String(text, StandardCharsets.UTF_8);
        } else {
            h.roofEvidence = null;
        }
        h.neighboursReroofed = b.getInt();
        h.waveSize = b.getInt();
        h.waveSince = day(b.getInt());
        h.zipClaims = b.getInt();
        byte engagement = b.get();
        h.engagement = engagement < 0 ? null : EngagementKind.values()[engagement];
        h.engagedOn = day(b.getInt());
        if (version >= 2) {
            h.roofUrgency = b.get();
            h.roofAnalysedOn = day(b.getInt());
            short finding = b.getShort();
            if (finding >= 0) {
                byte[] text = new byte[finding];
                b.get(text);
                h.roofFinding = new String(text, StandardCharsets.UTF_8);
            }
        }
    }

    private static int day(@Nullable LocalDate day) {
        return day == null ? NO_DAY : (int) day.toEpochDay();
    }

    private static @Nullable LocalDate day(int epochDay) {
        return epochDay == NO_DAY ? null : LocalDate.ofEpochDay(epochDay);
    }
}
