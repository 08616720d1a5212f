package dev.ridgeline.imagery;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.ridgeline.imagery.internal.ImageryHttp;
import dev.ridgeline.imagery.internal.Images;

/** Settings, requests, images and a meter for the imagery sources' contract tests. */
public final class TestImagery {

    private TestImagery() {
    }

    /** Every source pointed at one stub server, online, Esri switched on, no sandbox. */
    public static ImageryProperties settings(String baseUrl) {
        return new ImageryProperties(true, false, baseUrl + "/osm/{z}/{x}/{y}.png", true,
                baseUrl + "/esri/World_Imagery/MapServer", 1_000_000, true, baseUrl + "/naip/ImageServer",
                baseUrl + "/mapillary", baseUrl + "/google", Duration.ofSeconds(3), 0.15, 800, (Path) null,
                new ImageryProperties.S3(null, "us-east-1", null, null, null), new BigDecimal("25"), Map.of());
    }

    public static ImageryHttp http() {
        return new ImageryHttp(Duration.ofSeconds(3), "Ridgeline/test (+http://localhost:8080)");
    }

    /** A 1,500 ft² house in Nashville with a 16 x 10 m outline. */
    public static ImageRequest roof() {
        double lat = 36.1627;
        double lon = -86.7816;
        double dLat = 5 / 110_574.0;
        double dLon = 8 / (111_320.0 * Math.cos(Math.toRadians(lat)));
        return new ImageRequest(Purpose.ROOF_CROP, lat, lon, 40, 0.15, 800, List.of(new double[] {lat - dLat, lon - dLon},
                new double[] {lat - dLat, lon + dLon}, new double[] {lat + dLat, lon + dLon},
                new double[] {lat + dLat, lon - dLon}), null, null, null);
    }

    public static ImageRequest street() {
        return new ImageRequest(Purpose.STREET_VIEW, 36.1627, -86.7816, 40, 0.15, 640, List.of(), null, null, null);
    }

    /** A PNG with a gradient, so it is not one flat colour. */
    public static byte[] png(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        for (int x = 0; x < w; x += 8) {
            g.setColor(new Color((x * 255 / w) & 0xFF, 120, 80));
            g.fillRect(x, 0, 8, h);
        }
        g.dispose();
        return Images.png(img);
    }

    public static byte[] flatPng(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.dispose();
        return Images.png(img);
    }

    /** A meter that keeps what it was told. */
    public static final class Recorded implements Meter {
        public final List<String> calls = new ArrayList<>();
        public BigDecimal cost = BigDecimal.ZERO;
        public long units;

        @Override
        public void call(String product, int count, BigDecimal unitPrice) {
            calls.add(product + " x" + count + " @" + unitPrice.toPlainString());
            cost = cost.add(unitPrice.multiply(BigDecimal.valueOf(count)));
            units += count;
        }
    }
}
