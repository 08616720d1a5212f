package dev.ridgeline.imagery.provider.esri;

import java.awt.image.BufferedImage;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;

import dev.ridgeline.imagery.FetchedImage;
import dev.ridgeline.imagery.ImageRequest;
import dev.ridgeline.imagery.ImageryException;
import dev.ridgeline.imagery.ImageryProperties;
import dev.ridgeline.imagery.ImagerySource;
import dev.ridgeline.imagery.Meter;
import dev.ridgeline.imagery.Purpose;
import dev.ridgeline.imagery.Retention;
import dev.ridgeline.imagery.internal.ImageryHttp;
import dev.ridgeline.imagery.internal.Images;
import dev.ridgeline.imagery.internal.TileStitcher;
import dev.ridgeline.platform.TenantId;

/**
 * Esri World Imagery: 256-pixel aerial tiles ({@code tile/{z}/{y}/{x}}, row before column), stitched into a roof
 * crop. Free within Esri's monthly allowance, which is counted in transactions of 8 tiles (every tile goes to the
 * ledger at $0); off unless switched on, because Esri's terms ask commercial users for an ArcGIS account. Missing
 * tiles are asked as 404s ({@code blankTile=false}), so "no imagery here" is told apart from a grey tile. Esri does
 * not publish capture dates per tile; the image is stored without one.
 */
@Component
public class EsriWorldImagery implements ImagerySource {

    public static final String ID = "esri";
    static final int MAX_ZOOM = 19;
    static final String ATTRIBUTION = "Source: Esri, Maxar, Earthstar Geographics, and the GIS User Community";

    private final ImageryProperties settings;
    private final ImageryHttp http;

    public EsriWorldImagery(ImageryProperties settings, ImageryHttp http) {
        this.settings = settings;
        this.http = http;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Esri World Imagery";
    }

    @Override
    public Set<Purpose> purposes() {
        return Set.of(Purpose.ROOF_CROP);
    }

    @Override
    public BigDecimal unitPrice(Purpose purpose) {
        return BigDecimal.ZERO;
    }

    @Override
    public double nativeResolutionMetres() {
        return 0.3;
    }

    @Override
    public boolean configured(TenantId tenant) {
        return settings.online() && settings.esriEnabled();
    }

    @Override
    public Retention retention() {
        return Retention.days(30, "basemap content cached for a while, not kept (Esri terms)");
    }

    /** Esri's allowance in tiles a month: transactions of 8 tiles. */
    public long monthlyFreeTiles() {
        return settings.esriFreeTransactions() * 8;
    }

    @Override
    public Optional<FetchedImage> fetch(TenantId tenant, ImageRequest request, Meter meter) {
        if (request.takenBefore() != null || request.takenAfter() != null) {
            return Optional.empty(); // one current mosaic without dates: no before or after
        }
        Optional<TileStitcher.Crop> crop = TileStitcher.crop(ID, request, MAX_ZOOM, (z, x, y) -> tileImage(z, x, y, meter));
        return crop.map(c -> new FetchedImage(Images.jpeg(c.image()), "image/jpeg", c.image().getWidth(),
                c.image().getHeight(), null, null, c.resolutionMetres(), null, null, null, "z" + c.zoom(),
                "world-imagery-tiles", ATTRIBUTION, "Esri terms of use; attribution required", false)
                .withPixelMetres(request.extentMetres() / c.image().getWidth()));
    }

    private Optional<BufferedImage> tileImage(int z, int x, int y, Meter meter) {
        String url = settings.esriUrl() + "/tile/" + z + "/" + y + "/" + x + "?blankTile=false";
        ImageryHttp.Answer a = http.get(ID, url);
        meter.call("world-imagery-tiles", 1, BigDecimal.ZERO);
        if (a.status() == 404) {
            return Optional.empty();
        }
        ImageryHttp.ok(ID, a);
        BufferedImage img = Images.decode(a.body());
        if (img == null) {
            throw new ImageryException(ID, ImageryException.Kind.BAD_ANSWER, "tile " + z + "/" + y + "/" + x
                    + " is not an image (" + a.contentType() + ")");
        }
        return Optional.of(img);
    }
}
