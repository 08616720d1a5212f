package dev.ridgeline.signals;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * What an import may be told beyond its file: the convective day of an SPC file whose name does not carry it, the
 * column-mapping profile of a permit file, and a column mapping given with the file (claim records). Importers that
 * need none of them ignore them.
 */
public record ImportOptions(@Nullable LocalDate reportDate, @Nullable PermitProfile profile,
        java.util.Map<String, String> columns) {

    public static final ImportOptions NONE = new ImportOptions(null, null);

    public ImportOptions(@Nullable LocalDate reportDate, @Nullable PermitProfile profile) {
        this(reportDate, profile, java.util.Map.of());
    }

    public static ImportOptions date(@Nullable LocalDate date) {
        return new ImportOptions(date, null);
    }

    public static ImportOptions profile(@Nullable PermitProfile profile) {
        return new ImportOptions(null, profile);
    }

    /**
     * A column mapping given with the file: field name to the header of its column, each written
     * {@code field=Header} (e.g. {@code claimNumber=Claim No.}).
     */
    public static ImportOptions columns(java.util.List<String> pairs) {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        for (String p : pairs) {
            int eq = p.indexOf('=');
            if (eq <= 0 || eq == p.length() - 1) {
                throw dev.ridgeline.platform.InvalidInputException.of("column", "'" + p
                        + "' is not a column mapping; write field=Header, e.g. claimNumber=Claim No.");
            }
            m.put(p.substring(0, eq).strip(), p.substring(eq + 1).strip());
        }
        return new ImportOptions(null, null, java.util.Map.copyOf(m));
    }
}
