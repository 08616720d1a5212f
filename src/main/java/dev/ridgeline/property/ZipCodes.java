package dev.ridgeline.property;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

import org.jspecify.annotations.Nullable;

import dev.ridgeline.platform.io.CsvReader;

/**
 * US ZIP codes with their centroid and IANA time zone, and NANP area codes with the time zone most of their ZIPs
 * are in. Read once from the table shipped in the jar ({@code property/zip_codes.csv.gz}, see its PROVENANCE.md).
 */
public final class ZipCodes {

    /** A ZIP code's centroid, place and zone. */
    public record Zip(String zip, String city, String state, @Nullable ZoneId zone, double latitude, double longitude) {
    }

    /** The time zone of an area code: the one most of its ZIPs use, and that share (0..1). */
    public record AreaCode(String areaCode, ZoneId zone, double share) {
    }

    private static volatile @Nullable ZipCodes shipped;

    private final Map<String, Zip> zips;
    private final Map<String, AreaCode> areaCodes;

    private ZipCodes(Map<String, Zip> zips, Map<String, AreaCode> areaCodes) {
        this.zips = zips;
        this.areaCodes = areaCodes;
    }

    /** The shipped tables, read on first use. */
    public static ZipCodes shipped() {
        ZipCodes z = shipped;
        if (z == null) {
            synchronized (ZipCodes.class) {
                z = shipped;
                if (z == null) {
                    try (InputStream zipsIn = new GZIPInputStream(resource("property/zip_codes.csv.gz"));
                            InputStream areasIn = resource("property/area_codes.csv")) {
                        z = read(new InputStreamReader(zipsIn, StandardCharsets.UTF_8),
                                new InputStreamReader(areasIn, StandardCharsets.UTF_8));
                    } catch (IOException e) {
                        throw new UncheckedIOException("the shipped ZIP table cannot be read", e);
                    }
                    shipped = z;
                }
            }
        }
        return z;
    }

    public Optional<Zip> zip(@Nullable String zip) {
        if (zip == null || zip.length() < 5) {
            return Optional.empty();
        }
        return Optional.ofNullable(zips.get(zip.substring(0, 5)));
    }

    /** The zone of a ZIP, when the table knows one. */
    public Optional<ZoneId> zoneOfZip(@Nullable String zip) {
        return zip(zip).map(Zip::zone);
    }

    /** The area code of an E.164 US/Canada number ({@code +1NXXNXXXXXX}) and its usual zone. */
    public Optional<AreaCode> areaCodeOf(@Nullable String e164) {
        if (e164 == null || !e164.startsWith("+1") || e164.length() != 12) {
            return Optional.empty();
        }
        return Optional.ofNullable(areaCodes.get(e164.substring(2, 5)));
    }

    public int size() {
        return zips.size();
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = ZipCodes.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException(name + " is missing from the application");
        }
        return in;
    }

    private static ZipCodes read(Reader zipsIn, Reader areasIn) throws IOException {
        Map<String, Zip> zips = new HashMap<>(64_000);
        try (CsvReader csv = new CsvReader(zipsIn)) {
            Map<String, Integer> h = header(csv);
            for (CsvReader.Result r = csv.next(); r != null; r = csv.next()) {
                if (r instanceof CsvReader.Row row && row.fields().size() >= h.size()) {
                    List<String> f = row.fields();
                    String tz = f.get(h.get("timezone"));
                    try {
                        zips.put(f.get(h.get("zip")), new Zip(f.get(h.get("zip")), f.get(h.get("city")),
                                f.get(h.get("state")), tz.isBlank() ? null : ZoneId.of(tz),
                                Double.parseDouble(f.get(h.get("lat"))), Double.parseDouble(f.get(h.get("long")))));
                    } catch (RuntimeException bad) {
                        // a row the table cannot use (no centroid, an unknown zone) is left out
                    }
                }
            }
        }
        Map<String, AreaCode> areas = new HashMap<>(512);
        try (CsvReader csv = new CsvReader(areasIn)) {
            Map<String, Integer> h = header(csv);
            for (CsvReader.Result r = csv.next(); r != null; r = csv.next()) {
                if (r instanceof CsvReader.Row row && row.fields().size() >= h.size()) {
                    List<String> f = row.fields();
                    areas.put(f.get(h.get("area_code")), new AreaCode(f.get(h.get("area_code")),
                            ZoneId.of(f.get(h.get("primary_timezone"))), Double.parseDouble(f.get(h.get("primary_share")))));
                }
            }
        }
        return new ZipCodes(Map.copyOf(zips), Map.copyOf(areas));
    }

    private static Map<String, Integer> header(CsvReader csv) throws IOException {
        if (!(csv.next() instanceof CsvReader.Row header)) {
            throw new IOException("the table has no header");
        }
        Map<String, Integer> h = new HashMap<>();
        for (int i = 0; i < header.fields().size(); i++) {
            h.put(header.fields().get(i).trim(), i);
        }
        return h;
    }
}
