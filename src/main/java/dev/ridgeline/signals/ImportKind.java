package dev.ridgeline.signals;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/** What an import brings in. The CLI and API name a kind by its lower-case name ({@code storms}, {@code footprints}). */
public enum ImportKind {
    STORMS("Storm reports", "NOAA SPC daily reports, Storm Events details or NEXRAD hail tiles (CSV)"),
    PERMITS("Building permits", "CSV through a column-mapping profile"),
    FOOTPRINTS("Building footprints", "GeoJSON from OpenStreetMap or Microsoft"),
    CONTACTS("Properties and contacts", "CSV of owners with phones, emails and consent"),
    CLAIMS("Area insurance claims", "CSV of claim counts by ZIP or tract and date"),
    CLAIM_RECORDS("Insurance claims of leads", "CSV, one claim a row: the lead's address (or id), carrier, numbers, "
            + "date of loss, status and amounts");

    private final String label;
    private final String formats;

    ImportKind(String label, String formats) {
        this.label = label;
        this.formats = formats;
    }

    public String label() {
        return label;
    }

    /** The file formats it takes, in words. */
    public String formats() {
        return formats;
    }

    /** The kind named {@code storms}, {@code PERMITS}, ...; null when none is. */
    public static @Nullable ImportKind named(String name) {
        for (ImportKind k : values()) {
            if (k.name().equalsIgnoreCase(name.trim()) || k.name().toLowerCase(Locale.ROOT).equals(name.trim())) {
                return k;
            }
        }
        return null;
    }
}
