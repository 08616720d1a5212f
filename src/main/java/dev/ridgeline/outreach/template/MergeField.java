package dev.ridgeline.outreach.template;

import java.util.Arrays;
import java.util.Optional;

/** The fields a template may use, each filled from the lead, its home, the storm, the roof, the rep or the company. */
public enum MergeField {
    OWNER_FIRST_NAME("owner.firstName", "Homeowner's first name", "Pat"),
    OWNER_NAME("owner.name", "Homeowner's full name", "Pat Jones"),
    PROPERTY_ADDRESS("property.address", "Street address of the home", "412 Elm St"),
    PROPERTY_CITY("property.city", "City", "Nashville"),
    PROPERTY_ZIP("property.zip", "ZIP code", "37203"),
    STORM_DATE("storm.date", "Day of the largest nearby hail", "June 12, 2025"),
    STORM_HAIL_SIZE("storm.hailSize", "Its hail size in inches", "1.75"),
    STORM_DISTANCE("storm.distanceMiles", "Its distance from the home in miles", "0.4"),
    ROOF_AGE("roof.ageYears", "Estimated roof age in years", "19"),
    REP_NAME("rep.name", "The lead's rep", "Riley Rep"),
    REP_PHONE("rep.phone", "The rep's phone", "(615) 555-0134"),
    REP_EMAIL("rep.email", "The rep's email", "riley@acmeroof.com"),
    COMPANY_NAME("company.name", "Your company's name", "Acme Roofing"),
    COMPANY_PHONE("company.phone", "Your company's phone", "(615) 555-0100"),
    COMPANY_WEBSITE("company.website", "Your company's website", "https://acmeroof.com");

    private final String key;
    private final String label;
    private final String example;

    MergeField(String key, String label, String example) {
        this.key = key;
        this.label = label;
        this.example = example;
    }

    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    public String example() {
        return example;
    }

    public static Optional<MergeField> byKey(String key) {
        return Arrays.stream(values()).filter(f -> f.key.equals(key)).findFirst();
    }
}
