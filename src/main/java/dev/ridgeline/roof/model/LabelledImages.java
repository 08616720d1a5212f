package dev.ridgeline.roof.model;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import dev.ridgeline.platform.InvalidInputException;
import dev.ridgeline.roof.RoofFeatures;

/**
 * A folder of labelled roof images, one sub-folder per label, each file named by where it is
 * ({@code LONGITUDE_LATITUDE.jpeg}, as the Harvey crops are): read, located, put in a map block of 0.1 degree, and
 * turned into features.
 */
public final class LabelledImages {

    /** The side of a map block in degrees: images of one block are never on both sides of a split. */
    public static final double BLOCK_DEGREES = 0.1;
    private static final Pattern LON_LAT = Pattern.compile("(-?\\d{1,3}\\.\\d+)_(-?\\d{1,2}\\.\\d+)");

    /** One image: its file, label, place, block and features. */
    public record Item(Path file, String label, double longitude, double latitude, String block, double[] features) {
    }

    private LabelledImages() {
    }

    /** Reads every image under {@code dir}; a file that is no image or carries no place is refused by name. */
    public static List<Item> read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw InvalidInputException.of("dir", dir + " is not a folder");
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> labels = Files.list(dir)) {
            for (Path label : labels.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> images = Files.list(label)) {
                    images.filter(Files::isRegularFile).filter(LabelledImages::isImage).sorted().forEach(files::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (files.isEmpty()) {
            throw InvalidInputException.of("dir", dir + " has no images in sub-folders named by label "
                    + "(e.g. damage/ and no_damage/)");
        }
        return files.parallelStream().map(LabelledImages::item).toList();
    }

    private static boolean isImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".png");
    }

    private static Item item(Path file) {
        String name = file.getFileName().toString();
        Matcher m = LON_LAT.matcher(name);
        if (!m.find()) {
            throw InvalidInputException.of("file", file + ": the name must carry the longitude and latitude "
                    + "(e.g. -95.0612_29.8321.jpeg), so images can be split by map block");
        }
        double lon = Double.parseDouble(m.group(1));
        double lat = Double.parseDouble(m.group(2));
        if (Math.abs(lon) > 180 || Math.abs(lat) > 90) {
            throw InvalidInputException.of("file", file + ": " + lon + ", " + lat + " is not a place on earth");
        }
        BufferedImage image = image(file);
        return new Item(file, file.getParent().getFileName().toString(), lon, lat, block(lon, lat),
                RoofFeatures.of(image, null));
    }

    /** An image file decoded, or refused by name. */
    public static BufferedImage image(Path file) {
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException e) {
            image = null;
        }
        if (image == null) {
            throw InvalidInputException.of("file", file + " is not an image this build reads (JPEG or PNG)");
        }
        return image;
    }

    /** The map block of a place: 0.1 degree cells. */
    public static String block(double longitude, double latitude) {
        return (long) Math.floor(longitude / BLOCK_DEGREES) + ":" + (long) Math.floor(latitude / BLOCK_DEGREES);
    }
}
