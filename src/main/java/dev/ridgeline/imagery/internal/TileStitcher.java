package dev.ridgeline.imagery.internal;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Optional;

import dev.ridgeline.imagery.ImageRequest;
import dev.ridgeline.imagery.ImageryException;
import dev.ridgeline.imagery.TileMath;

/**
 * An aerial crop centred on a building, stitched from a tile source's 256-pixel Web Mercator tiles: the zoom is the
 * coarsest whose pixels are as fine as the crop needs (capped at the source's deepest), the tiles covering the square
 * of ground are drawn side by side, and the square is resampled to the crop's size.
 */
public final class TileStitcher {

    /** One tile's image, or empty where the source has none. */
    @FunctionalInterface
    public interface Tiles {
        Optional<BufferedImage> get(int zoom, int x, int y);
    }

    /** The crop, the zoom its tiles came from, how many tiles, and the ground metres a pixel it really shows. */
    public record Crop(BufferedImage image, int zoom, int tiles, double resolutionMetres) {
    }

    private TileStitcher() {
    }

    /** The crop for a request, or empty when a tile it needs is missing (no coverage at that zoom). */
    public static Optional<Crop> crop(String source, ImageRequest request, int maxZoom, Tiles tiles) {
        int size = request.cropPixels();
        double wanted = request.extentMetres() / size;
        int zoom = TileMath.zoomFor(request.latitude(), wanted, maxZoom);
        double ground = TileMath.groundResolution(request.latitude(), zoom);
        TileMath.Pixel centre = TileMath.toPixel(request.latitude(), request.longitude(), zoom);
        double half = request.extentMetres() / 2 / ground;
        double left = centre.x() - half;
        double top = centre.y() - half;
        int firstX = (int) Math.floor(left / TileMath.TILE);
        int firstY = (int) Math.floor(top / TileMath.TILE);
        int lastX = (int) Math.floor((centre.x() + half) / TileMath.TILE);
        int lastY = (int) Math.floor((centre.y() + half) / TileMath.TILE);
        int count = (lastX - firstX + 1) * (lastY - firstY + 1);
        if (count > 64) {
            throw new ImageryException(source, ImageryException.Kind.BAD_ANSWER, "a crop of " + count
                    + " tiles is refused (at most 64)");
        }
        int max = (1 << zoom) - 1;
        BufferedImage mosaic = new BufferedImage((lastX - firstX + 1) * TileMath.TILE,
                (lastY - firstY + 1) * TileMath.TILE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Images.canvas(mosaic);
        try {
            for (int ty = firstY; ty <= lastY; ty++) {
                for (int tx = firstX; tx <= lastX; tx++) {
                    if (ty < 0 || ty > max) {
                        return Optional.empty();
                    }
                    int wrapped = Math.floorMod(tx, max + 1);
                    Optional<BufferedImage> tile = tiles.get(zoom, wrapped, ty);
                    if (tile.isEmpty()) {
                        return Optional.empty();
                    }
                    g.drawImage(tile.get(), (tx - firstX) * TileMath.TILE, (ty - firstY) * TileMath.TILE,
                            TileMath.TILE, TileMath.TILE, null);
                }
            }
        } finally {
            g.dispose();
        }
        BufferedImage out = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D o = Images.canvas(out);
        double sx = left - firstX * TileMath.TILE;
        double sy = top - firstY * TileMath.TILE;
        o.drawImage(mosaic, 0, 0, size, size, (int) Math.round(sx), (int) Math.round(sy),
                (int) Math.round(sx + 2 * half), (int) Math.round(sy + 2 * half), null);
        o.dispose();
        return Optional.of(new Crop(out, zoom, count, Math.max(wanted, ground)));
    }
}
