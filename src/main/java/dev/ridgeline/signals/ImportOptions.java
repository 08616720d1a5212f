package dev.ridgeline.signals;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * What an import may be told beyond its file: the convective day of an SPC file whose name does not carry it, and
 * the column-mapping profile of a permit file. Importers that need neither ignore them.
 */
public record ImportOptions(@Nullable LocalDate reportDate, @Nullable PermitProfile profile) {

    public static final ImportOptions NONE = new ImportOptions(null, null);

    public static ImportOptions date(@Nullable LocalDate date) {
        return new ImportOptions(date, null);
    }

    public static ImportOptions profile(@Nullable PermitProfile profile) {
        return new ImportOptions(null, profile);
    }
}
