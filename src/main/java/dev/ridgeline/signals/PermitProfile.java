package dev.ridgeline.signals;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * How the columns of one source's permit CSV map to a permit. Built-in profiles cover the layouts of Nashville's
 * and San Antonio's open-data exports.
 *
 * @param name the profile's name, also the permits' source
 * @param number column of the permit number (required)
 * @param type column of the permit type (required)
 * @param description columns joined into the work description
 * @param address column of the street address (required); it may carry city, state and ZIP after commas
 * @param dates how date columns are written
 * @param zone the source's time zone, for dates written as epoch milliseconds
 */
public record PermitProfile(String name, String number, String type, @Nullable String subtype,
        List<String> description, String address, @Nullable String city, @Nullable String state,
        @Nullable String postalCode, @Nullable String latitude, @Nullable String longitude, @Nullable String filed,
        @Nullable String issued, DateFormat dates, @Nullable String valuation, @Nullable String contractor,
        @Nullable String parcel, @Nullable String defaultState, ZoneId zone) {

    /** How a source writes its dates. */
    public enum DateFormat {
        ISO_DATE, EPOCH_MILLIS, US_DATE
    }

    /** Every column the profile names; a file matches the profile when its header has the required ones. */
    public List<String> columns() {
        List<String> all = new ArrayList<>(List.of(number, type, address));
        all.addAll(description);
        for (String c : new String[] {subtype, city, state, postalCode, latitude, longitude, filed, issued, valuation,
                contractor, parcel}) {
            if (c != null) {
                all.add(c);
            }
        }
        return all;
    }

    public List<String> required() {
        return List.of(number, type, address);
    }

    public static final PermitProfile NASHVILLE = new PermitProfile("nashville", "Permit__", "Permit_Type_Description",
            "Permit_Subtype_Description", List.of("Purpose"), "Address", "City", "State", "ZIP", "Lat", "Lon",
            "Date_Entered", "Date_Issued", DateFormat.EPOCH_MILLIS, "Const_Cost", "Contact", "Parcel", "TN",
            ZoneId.of("America/Chicago"));

    public static final PermitProfile SAN_ANTONIO = new PermitProfile("san-antonio", "PERMIT #", "PERMIT TYPE", null,
            List.of("PROJECT NAME", "WORK TYPE"), "ADDRESS", null, null, null, "LAT_WGS84_DERIVED",
            "LON_WGS84_DERIVED", "DATE SUBMITTED", "DATE ISSUED", DateFormat.ISO_DATE, "DECLARED VALUATION",
            "PRIMARY CONTACT", null, "TX", ZoneId.of("America/Chicago"));

    public static List<PermitProfile> builtIn() {
        return List.of(NASHVILLE, SAN_ANTONIO);
    }
}
