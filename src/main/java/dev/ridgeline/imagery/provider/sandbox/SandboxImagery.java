package dev.ridgeline.imagery.provider.sandbox;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.image.BufferedImage;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import org.springframework.stereotype.Component;

import dev.ridgeline.imagery.FetchedImage;
import dev.ridgeline.imagery.ImageRequest;
import dev.ridgeline.imagery.ImageryProperties;
import dev.ridgeline.imagery.ImagerySource;
import dev.ridgeline.imagery.Meter;
import dev.ridgeline.imagery.Purpose;
import dev.ridgeline.imagery.Retention;
import dev.ridgeline.imagery.TileMath;
import dev.ridgeline.imagery.internal.Images;
import dev.ridgeline.platform.TenantId;

/**
 * The offline source of a fresh install and the tests: it draws, here, an aerial view of the property's real
 * footprint (roof courses, ridge, yard, street, trees), a street-level view of a house facing a camera placed on
 * the street, and plain base-map tiles, with metadata like a real source's (a capture each summer since 2016, the
 * camera's place and heading, the ground resolution). Every image says "sandbox" on it and is marked synthetic, so
 * none is ever taken for a photo.
 */
@Component
public class SandboxImagery implements ImagerySource {

    public static final String ID = "sandbox";
    private static final int FIRST_YEAR = 2016;
    private static final double M_PER_DEG_LAT = 110_574.0;
    private static final double M_PER_DEG_LON_EQ = 111_320.0;

    private final ImageryProperties settings;
    private final Clock clock;

    public SandboxImagery(ImageryProperties settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Sandbox (synthetic)";
    }

    @Override
    public Set<Purpose> purposes() {
        return Set.of(Purpose.BASE_MAP, Purpose.ROOF_CROP, Purpose.STREET_VIEW);
    }

    @Override
    public BigDecimal unitPrice(Purpose purpose) {
        return BigDecimal.ZERO;
    }

    @Override
    public double nativeResolutionMetres() {
        return 0.075;
    }

    @Override
    public boolean configured(TenantId tenant) {
        return settings.sandbox();
    }

    @Override
    public Retention retention() {
        return Retention.keep("drawn here, no terms");
    }

    @Override
    public double requestsPerSecond() {
        return 1_000;
    }

    @Override
    public Optional<FetchedImage> fetch(TenantId tenant, ImageRequest request, Meter meter) {
        long seed = seed(request.latitude(), request.longitude());
        Optional<LocalDate> day = capture(request, seed, request.purpose() == Purpose.STREET_VIEW ? 8 : 6);
        if (day.isEmpty()) {
            return Optional.empty();
        }
        meter.call(request.purpose() == Purpose.STREET_VIEW ? "street" : "aerial", 1, BigDecimal.ZERO);
        return Optional.of(request.purpose() == Purpose.STREET_VIEW ? street(request, seed, day.get())
                : aerial(request, seed, day.get()));
    }

    @Override
    public Optional<TileImage> tile(TenantId tenant, int zoom, int x, int y, Meter meter) {
        meter.call("tile", 1, BigDecimal.ZERO);
        BufferedImage img = new BufferedImage(TileMath.TILE, TileMath.TILE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Images.canvas(img);
        g.setColor(new Color(0xF2EFE9));
        g.fillRect(0, 0, TileMath.TILE, TileMath.TILE);
        if (zoom >= 12) {
            // Streets on a grid of global pixels (110 m apart at the equator), so they run on across tiles.
            double step = 110 / TileMath.groundResolution(0, zoom);
            g.setColor(Color.WHITE);
            g.setStroke(new BasicStroke((float) Math.max(1, step / 14)));
            double ox = Math.floorMod((long) x * TileMath.TILE, (long) Math.round(step));
            double oy = Math.floorMod((long) y * TileMath.TILE, (long) Math.round(step));
            for (double p = -ox; p < TileMath.TILE; p += Math.round(step)) {
                g.drawLine((int) p, 0, (int) p, TileMath.TILE);
            }
            for (double p = -oy; p < TileMath.TILE; p += Math.round(step)) {
                g.drawLine(0, (int) p, TileMath.TILE, (int) p);
            }
        }
        if (x % 4 == 0 && y % 4 == 0) {
            g.setColor(new Color(0xD9D4CB));
            try {
                g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
                g.drawString("sandbox map, no network", 6, 250);
            } catch (RuntimeException | LinkageError | InternalError e) {
                // No fonts on this server: the tile goes without its caption.
            }
        }
        g.dispose();
        return Optional.of(new TileImage(Images.png(img), "image/png", Duration.ofDays(7)));
    }

    /** A summer capture each year (month {@code month}), the latest or the one the request's dates allow. */
    Optional<LocalDate> capture(ImageRequest request, long seed, int month) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        List<LocalDate> days = new ArrayList<>();
        for (int year = FIRST_YEAR; year <= today.getYear(); year++) {
            LocalDate d = LocalDate.of(year, month, 1 + (int) Math.floorMod(seed + year * 7L, 27));
            if (!d.isAfter(today)) {
                days.add(d);
            }
        }
        if (request.takenAfter() != null) {
            return days.stream().filter(request::accepts).findFirst();
        }
        return days.reversed().stream().filter(request::accepts).findFirst();
    }

    private FetchedImage aerial(ImageRequest request, long seed, LocalDate day) {
        int size = request.cropPixels();
        double mpp = request.extentMetres() / size;
        Random random = new Random(seed);
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Images.canvas(img);
        // Lawn, a little greener in later summers so the years are told apart.
        Color lawn = new Color(92 + (day.getYear() % 3) * 6, 128 + random.nextInt(12), 70);
        g.setColor(lawn);
        g.fillRect(0, 0, size, size);
        Random speckle = new Random(seed ^ 0x5DEECE66DL);
        for (int i = 0; i < size * size / 40; i++) {
            int v = speckle.nextInt(30) - 15;
            g.setColor(new Color(clamp(lawn.getRed() + v), clamp(lawn.getGreen() + v), clamp(lawn.getBlue() + v)));
            g.fillRect(speckle.nextInt(size), speckle.nextInt(size), 2, 2);
        }
        // The street in front, 14 m from the centre.
        int streetY = (int) (size / 2 + 14 / mpp);
        g.setColor(new Color(0x6E6E6E));
        g.fillRect(0, streetY, size, (int) Math.max(3, 8 / mpp));
        g.setColor(new Color(0xBDBDBD));
        g.fillRect(0, streetY - (int) Math.max(2, 1.5 / mpp), size, (int) Math.max(2, 1.5 / mpp));
        List<int[]> points = new ArrayList<>();
        double cosLat = Math.cos(Math.toRadians(request.latitude()));
        if (request.outline().size() >= 3) {
            for (double[] ll : request.outline()) {
                int px = (int) Math.round(size / 2.0 + (ll[1] - request.longitude()) * M_PER_DEG_LON_EQ * cosLat / mpp);
                int py = (int) Math.round(size / 2.0 - (ll[0] - request.latitude()) * M_PER_DEG_LAT / mpp);
                points.add(new int[] {px, py});
            }
        } else {
            int w = (int) (16 / mpp);
            int h = (int) (11 / mpp);
            points.add(new int[] {size / 2 - w / 2, size / 2 - h / 2});
            points.add(new int[] {size / 2 + w / 2, size / 2 - h / 2});
            points.add(new int[] {size / 2 + w / 2, size / 2 + h / 2});
            points.add(new int[] {size / 2 - w / 2, size / 2 + h / 2});
        }
        // Trees around, never on the roof.
        Polygon roof = new Polygon();
        points.forEach(p -> roof.addPoint(p[0], p[1]));
        for (int i = 0; i < 7; i++) {
            int r = (int) ((2.5 + random.nextDouble() * 2.5) / mpp);
            int cx = random.nextInt(size);
            int cy = random.nextInt(Math.max(1, streetY - r));
            if (roof.intersects(cx - r, cy - r, 2 * r, 2 * r)) {
                continue;
            }
            g.setColor(new Color(40, 78 + random.nextInt(20), 38));
            g.fillOval(cx - r, cy - r, 2 * r, 2 * r);
        }
        Color[] shingles = {new Color(0x5B5B5F), new Color(0x6B5A4A), new Color(0x4A4E57), new Color(0x7A6A5A)};
        Color shingle = shingles[(int) Math.floorMod(seed, shingles.length)];
        g.setColor(shingle);
        g.fillPolygon(roof);
        // Shingle courses every 0.25 m, parallel to the longest edge, and the ridge along it.
        int[] a = points.get(0);
        int[] b = points.get(1);
        double best = 0;
        for (int i = 0; i < points.size(); i++) {
            int[] p = points.get(i);
            int[] q = points.get((i + 1) % points.size());
            double len = Math.hypot(q[0] - p[0], q[1] - p[1]);
            if (len > best) {
                best = len;
                a = p;
                b = q;
            }
        }
        double ux = (b[0] - a[0]) / Math.max(1, best);
        double uy = (b[1] - a[1]) / Math.max(1, best);
        g.setClip(roof);
        g.setColor(shingle.darker());
        double courses = Math.max(2, 0.25 / mpp);
        for (double off = -size; off < size; off += courses) {
            double nx = -uy * off + size / 2.0;
            double ny = ux * off + size / 2.0;
            g.drawLine((int) (nx - ux * size), (int) (ny - uy * size), (int) (nx + ux * size), (int) (ny + uy * size));
        }
        var bounds = roof.getBounds2D();
        double cx = bounds.getCenterX();
        double cy = bounds.getCenterY();
        g.setColor(shingle.brighter());
        g.setStroke(new BasicStroke((float) Math.max(2, 0.4 / mpp)));
        g.drawLine((int) (cx - ux * best / 2), (int) (cy - uy * best / 2), (int) (cx + ux * best / 2),
                (int) (cy + uy * best / 2));
        g.setClip(null);
        g.setColor(new Color(0x2E2E2E));
        g.setStroke(new BasicStroke(1.5f));
        g.drawPolygon(roof);
        stamp(g, size, size, "sandbox · not a photo");
        g.dispose();
        return new FetchedImage(Images.jpeg(img), "image/jpeg", size, size, day, "DAY", mpp, null, null, null,
                "sandbox-aerial-" + day, "aerial", "Sandbox imagery, drawn by Ridgeline (not a photo)",
                "synthetic; no terms", true);
    }

    private FetchedImage street(ImageRequest request, long seed, LocalDate day) {
        // The camera stands on the street 28 m from the house, roughly south of it.
        double along = 150 + Math.floorMod(seed, 60);
        double[] camera = TileMath.offset(request.latitude(), request.longitude(), along, 28);
        double heading = TileMath.bearing(camera[0], camera[1], request.latitude(), request.longitude());
        int w = Math.min(640, request.maxPixels());
        int h = w * 5 / 8;
        Random random = new Random(seed);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Images.canvas(img);
        g.setPaint(new GradientPaint(0, 0, new Color(0x7FB2E5), 0, h * 0.6f, new Color(0xDCEBF7)));
        g.fillRect(0, 0, w, h);
        g.setColor(new Color(0x6C9A4B));
        g.fillRect(0, (int) (h * 0.62), w, h);
        g.setColor(new Color(0x8A8A8A));
        g.fillRect(0, (int) (h * 0.86), w, h);
        Color[] walls = {new Color(0xE8E1D3), new Color(0xC9B79C), new Color(0xB7C4C9), new Color(0xF0EBE0)};
        Color wall = walls[(int) Math.floorMod(seed >> 3, walls.length)];
        int left = w / 4;
        int right = w * 3 / 4;
        int eaves = (int) (h * 0.38);
        int ground = (int) (h * 0.66);
        g.setColor(wall);
        g.fillRect(left, eaves, right - left, ground - eaves);
        Polygon roof = new Polygon(new int[] {left - w / 25, w / 2, right + w / 25},
                new int[] {eaves, (int) (h * 0.16), eaves}, 3);
        g.setColor(new Color(0x4F4F55));
        g.fillPolygon(roof);
        g.setClip(roof);
        g.setColor(new Color(0x3A3A3F));
        for (int y = (int) (h * 0.16) + 6; y < eaves; y += 6) {
            g.drawLine(left - w / 25, y, right + w / 25, y);
        }
        g.setClip(null);
        g.setColor(new Color(0x5A3C28));
        g.fillRect(w / 2 - w / 30, ground - h / 5, w / 15, h / 5);
        g.setColor(new Color(0x9CC3DA));
        g.fillRect(left + w / 20, eaves + h / 12, w / 12, h / 10);
        g.fillRect(right - w / 20 - w / 12, eaves + h / 12, w / 12, h / 10);
        g.setColor(new Color(0x2F5A2A));
        int tree = 30 + random.nextInt(30);
        g.fillOval(w / 14, ground - tree * 2, tree * 2, tree * 2);
        stamp(g, w, h, "sandbox · not a photo");
        g.dispose();
        return new FetchedImage(Images.jpeg(img), "image/jpeg", w, h, day, "DAY", null, heading, camera[0], camera[1],
                "sandbox-pano-" + Long.toHexString(seed) + "-" + day.getYear(), "street",
                "Sandbox imagery, drawn by Ridgeline (not a photo)", "synthetic; no terms", true);
    }

    /** Says "sandbox" on the image; a server without fonts still gets the image (marked synthetic in its metadata). */
    private static void stamp(Graphics2D g, int w, int h, String text) {
        try {
            label(g, w, h, text);
        } catch (RuntimeException | LinkageError | InternalError e) {
            g.setColor(new Color(0, 0, 0, 150));
            g.fillRect(0, h - 14, w / 3, 14);
        }
    }

    private static void label(Graphics2D g, int w, int h, String text) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(9, w / 32)));
        var m = g.getFontMetrics();
        g.setColor(new Color(0, 0, 0, 150));
        g.fillRect(0, h - m.getHeight() - 6, m.stringWidth(text) + 12, m.getHeight() + 6);
        g.setColor(Color.WHITE);
        g.drawString(text, 6, h - m.getDescent() - 3);
    }

    private static long seed(double lat, double lon) {
        return Math.round(lat * 1e5) * 31 + Math.round(lon * 1e5);
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
