package dev.ridgeline.insight.internal;

import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;

import dev.ridgeline.identity.IdentityService;
import dev.ridgeline.identity.Tenant;
import dev.ridgeline.insight.HomeScore;
import dev.ridgeline.insight.InsightService;
import dev.ridgeline.leads.Lead;
import dev.ridgeline.leads.LeadsService;
import dev.ridgeline.outreach.template.MergeField;
import dev.ridgeline.outreach.template.MergeFieldSource;
import dev.ridgeline.platform.Actor;
import dev.ridgeline.platform.NotFoundException;
import dev.ridgeline.property.Contact;
import dev.ridgeline.property.ContactPoint;
import dev.ridgeline.property.PropertyDetails;
import dev.ridgeline.property.PropertyService;
import dev.ridgeline.signals.NearbyStorm;
import dev.ridgeline.signals.StormKind;

/**
 * A lead's merge fields for email templates: the homeowner and the home from the lead and its property, the storm
 * from the largest hail reported near the home, the roof age from the lead score, the rep and the company from the
 * company's records. Only fields with a value are given; the template's fallbacks cover the rest.
 */
@Component
class LeadMergeFields implements MergeFieldSource {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.US);

    private final LeadsService leads;
    private final PropertyService properties;
    private final InsightService insight;
    private final IdentityService identity;

    LeadMergeFields(LeadsService leads, PropertyService properties, InsightService insight, IdentityService identity) {
        this.leads = leads;
        this.properties = properties;
        this.insight = insight;
        this.identity = identity;
    }

    @Override
    public Optional<Map<MergeField, String>> fields(Actor actor, UUID leadId) {
        Lead lead;
        try {
            lead = leads.get(actor, leadId);
        } catch (NotFoundException e) {
            return Optional.empty();
        }
        Optional<UUID> property = leads.propertyOf(actor.tenantId(), leadId);
        PropertyDetails details = property.map(id -> properties.details(actor, id)).orElse(null);
        Integer roofAge = null;
        if (details != null) {
            try {
                roofAge = insight.score(actor, details.property().id()).roofAgeYears();
            } catch (NotFoundException e) {
                // Not scored yet: no roof age.
            }
        }
        Map<dev.ridgeline.platform.UserId, Optional<dev.ridgeline.identity.User>> reps = new java.util.HashMap<>();
        return Optional.of(assemble(lead, details == null ? List.of() : details.contacts(),
                details == null ? List.of() : details.storms(), details != null, roofAge,
                rep(actor, lead, reps), identity.getTenant(actor.tenantId())));
    }

    /**
     * The same fields for many leads, read together: the leads, their homes, people and scores in a statement each,
     * the company once, each rep once, and the storms near each located home. Leads the actor may not see are left out.
     */
    @Override
    public Map<UUID, Map<MergeField, String>> fieldsOf(Actor actor, java.util.Collection<UUID> leadIds) {
        Map<UUID, Map<MergeField, String>> out = new java.util.LinkedHashMap<>();
        Map<UUID, Lead> found = leads.visibleAll(actor, leadIds);
        if (found.isEmpty()) {
            return out;
        }
        Map<UUID, UUID> homeOf = leads.propertiesOf(actor.tenantId(), found.keySet());
        var homes = properties.findAll(actor.tenantId(), homeOf.values());
        Map<UUID, List<Contact>> people = properties.contactsOf(actor.tenantId(), homes.keySet());
        Map<UUID, HomeScore> scores = insight.scores(actor.tenantId(), homes.keySet());
        Tenant company = identity.getTenant(actor.tenantId());
        Map<dev.ridgeline.platform.UserId, Optional<dev.ridgeline.identity.User>> reps = new java.util.HashMap<>();
        for (Lead lead : found.values()) {
            UUID homeId = homeOf.get(lead.id());
            var home = homeId == null ? null : homes.get(homeId);
            HomeScore score = home == null ? null : scores.get(home.id());
            out.put(lead.id(), assemble(lead, home == null ? List.of() : people.getOrDefault(home.id(), List.of()),
                    home == null ? List.of() : properties.recentStorms(actor, home), home != null,
                    score == null ? null : score.roofAgeYears(), rep(actor, lead, reps), company));
        }
        return out;
    }

    private Optional<dev.ridgeline.identity.User> rep(Actor actor, Lead lead,
            Map<dev.ridgeline.platform.UserId, Optional<dev.ridgeline.identity.User>> reps) {
        return lead.ownerId() == null ? Optional.empty()
                : reps.computeIfAbsent(lead.ownerId(), id -> identity.findUser(actor.tenantId(), id));
    }

    private static Map<MergeField, String> assemble(Lead lead, List<Contact> contacts, List<NearbyStorm> storms,
            boolean hasHome, @org.jspecify.annotations.Nullable Integer roofAge,
            Optional<dev.ridgeline.identity.User> rep, Tenant company) {
        Map<MergeField, String> f = new EnumMap<>(MergeField.class);
        String name = lead.homeownerName();
        if ((name == null || name.isBlank()) && !contacts.isEmpty()) {
            name = contacts.getFirst().fullName();
        }
        if (name != null && !name.isBlank()) {
            f.put(MergeField.OWNER_NAME, name.strip());
            f.put(MergeField.OWNER_FIRST_NAME, firstName(name));
        }
        f.put(MergeField.PROPERTY_ADDRESS, lead.address());
        put(f, MergeField.PROPERTY_CITY, lead.city());
        put(f, MergeField.PROPERTY_ZIP, lead.postalCode());
        if (hasHome) {
            storms.stream().filter(s -> s.report().kind() == StormKind.HAIL && s.report().magnitude() != null)
                    .max(Comparator.comparing((NearbyStorm s) -> s.report().magnitude())
                            .thenComparing(s -> s.report().reportDate()))
                    .ifPresent(s -> {
                        f.put(MergeField.STORM_DATE, DAY.format(s.report().reportDate()));
                        f.put(MergeField.STORM_HAIL_SIZE, s.report().magnitude().setScale(2,
                                java.math.RoundingMode.HALF_UP).toPlainString());
                        f.put(MergeField.STORM_DISTANCE, String.format(Locale.US, "%.1f", s.miles()));
                    });
            if (roofAge != null) {
                f.put(MergeField.ROOF_AGE, String.valueOf(roofAge));
            }
        }
        rep.ifPresent(r -> {
            f.put(MergeField.REP_NAME, r.name());
            f.put(MergeField.REP_EMAIL, r.email());
            put(f, MergeField.REP_PHONE, r.phone());
        });
        f.put(MergeField.COMPANY_NAME, company.name());
        put(f, MergeField.COMPANY_PHONE, company.phone());
        put(f, MergeField.COMPANY_WEBSITE, company.website());
        return f;
    }

    @Override
    public List<LeadChoice> leads(Actor actor, String search, int limit) {
        return leads.list(actor, new LeadsService.LeadFilter(null, null, search == null || search.isBlank() ? null
                : search.strip(), Math.clamp(limit, 1, 100))).stream()
                .map(l -> new LeadChoice(l.id(), (l.homeownerName() == null ? "" : l.homeownerName() + ", ")
                        + l.place(), email(actor, l.id()))).toList();
    }

    private String email(Actor actor, UUID leadId) {
        return leads.propertyOf(actor.tenantId(), leadId).map(id -> properties.details(actor, id).contacts())
                .flatMap(contacts -> contacts.stream().flatMap(c -> c.points().stream())
                        .filter(p -> "EMAIL".equalsIgnoreCase(p.channel()) && p.usable()).map(ContactPoint::value)
                        .findFirst())
                .orElse("");
    }

    private static String firstName(String name) {
        String n = name.strip();
        // "Jones, Pat" as county records write it.
        if (n.contains(",")) {
            String after = n.substring(n.indexOf(',') + 1).strip();
            return after.isEmpty() ? n : after.split("\\s+")[0];
        }
        return n.split("\\s+")[0];
    }

    private static void put(Map<MergeField, String> f, MergeField field, String value) {
        if (value != null && !value.isBlank()) {
            f.put(field, value.strip());
        }
    }
}
