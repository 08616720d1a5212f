package dev.ridgeline.test;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import dev.ridgeline.identity.CompanyProfile;
import dev.ridgeline.identity.IdentityService;
import dev.ridgeline.identity.NewUser;
import dev.ridgeline.identity.Tenant;
import dev.ridgeline.identity.User;
import dev.ridgeline.platform.Actor;
import dev.ridgeline.platform.Role;
import dev.ridgeline.platform.TenantId;

/** Companies, people and sign-in messages for tests; every name is unique so tests share a database safely. */
public final class Fixtures {

    public static final String PASSWORD = "correct horse battery";

    public record Company(Tenant tenant, User owner) {

        public TenantId id() {
            return tenant.id();
        }

        public Actor ownerActor() {
            return Actor.user(tenant.id(), owner.id(), Role.OWNER);
        }
    }

    private final IdentityService identity;
    private final JdbcClient jdbc;

    public Fixtures(IdentityService identity, JdbcClient jdbc) {
        this.identity = identity;
        this.jdbc = jdbc;
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static String email(String who) {
        return unique(who) + "@example.com";
    }

    /** A US mobile number from the fictional 555-01xx range, unique enough for a test run. */
    public static String phone() {
        return String.format("+1615555%04d", ThreadLocalRandom.current().nextInt(100, 9999));
    }

    /** Sign-in requests from a random private address, so per-IP limits of one test never touch another. */
    public static RequestPostProcessor fromRandomIp() {
        String ip = "10." + ThreadLocalRandom.current().nextInt(1, 255) + "." + ThreadLocalRandom.current().nextInt(1, 255)
                + "." + ThreadLocalRandom.current().nextInt(1, 255);
        return request -> {
            request.setRemoteAddr(ip);
            return request;
        };
    }

    public Company company(String name) {
        String ownerEmail = email("owner");
        Tenant t = identity.createTenant(new CompanyProfile(unique(name), name + " LLC", "12 Main St", "Nashville", "TN",
                "37203", null, null, "America/Chicago"), new NewUser(ownerEmail, "Olivia Owner", phone(), Role.OWNER),
                PASSWORD);
        UUID ownerId = jdbc.sql("select id from identity.app_user where tenant_id = :t and role = 'OWNER'")
                .param("t", t.id().value()).query(UUID.class).single();
        User owner = identity.findUser(t.id(), new dev.ridgeline.platform.UserId(ownerId)).orElseThrow();
        return new Company(t, owner);
    }

    public User user(Company company, Role role, String name) {
        return identity.addUser(company.id(), new NewUser(email(role.name().toLowerCase()), name, phone(), role));
    }

    public Actor actor(User user) {
        return Actor.user(user.tenantId(), user.id(), user.role());
    }

    /** Gives the user a password if needed and signs in; returns the session cookie. */
    public jakarta.servlet.http.Cookie signIn(org.springframework.test.web.servlet.MockMvc mvc, User user) throws Exception {
        if (!user.hasPassword()) {
            identity.changePassword(actor(user), null, PASSWORD);
        }
        var response = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/login")
                        .param("email", user.email()).param("password", PASSWORD)
                        .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())
                        .with(fromRandomIp()))
                .andReturn().getResponse();
        if (!"/".equals(response.getRedirectedUrl())) {
            throw new AssertionError("sign-in of " + user.email() + " failed: " + response.getRedirectedUrl());
        }
        return response.getCookie("RIDGELINE_SESSION");
    }

    /**
     * A home in Nashville whose owner, Pat Jones, has a phone with express written consent to texts and an email
     * address; its property id.
     */
    public UUID homeWithOwner(Company company, String address, String phone, String email) {
        UUID property = UUID.randomUUID();
        UUID contact = UUID.randomUUID();
        java.sql.Timestamp now = java.sql.Timestamp.from(java.time.Instant.now());
        jdbc.sql("""
                insert into property.property (tenant_id, id, address, address_key, city, state, postal_code, time_zone,
                  created_at, updated_at)
                values (:t, :id, :a, :key, 'Nashville', 'TN', '37210', 'America/Chicago', :now, :now)""")
                .param("t", company.id().value()).param("id", property).param("a", address)
                .param("key", address.toLowerCase() + " " + property).param("now", now).update();
        jdbc.sql("""
                insert into property.contact (tenant_id, id, property_id, full_name, name_key, created_at, updated_at)
                values (:t, :id, :p, 'Pat Jones', :key, :now, :now)""")
                .param("t", company.id().value()).param("id", contact).param("p", property).param("key", "pat jones")
                .param("now", now).update();
        jdbc.sql("""
                insert into property.contact_point (tenant_id, contact_id, channel, value, created_at)
                values (:t, :c, 'PHONE', :v, :now), (:t, :c, 'EMAIL', :e, :now)""")
                .param("t", company.id().value()).param("c", contact).param("v", phone).param("e", email)
                .param("now", now).update();
        jdbc.sql("""
                insert into property.consent (tenant_id, id, contact_id, channel, granted, kind, source, given_at,
                  text_shown, ip, recorded_at)
                values (:t, :id, :c, 'SMS', true, 'EXPRESS_WRITTEN', 'storm-check form', :now,
                  'I agree to receive texts about my roof. Reply STOP to stop.', '203.0.113.7', :now)""")
                .param("t", company.id().value()).param("id", UUID.randomUUID()).param("c", contact).param("now", now)
                .update();
        return property;
    }

    /**
     * A located home (with its H3 cells, so analysis passes see it) and a 16 x 10 m building footprint centred on it,
     * as imagery and roof analysis need; its property id.
     */
    public UUID homeWithFootprint(Company company, String address, double lat, double lon) {
        UUID property = UUID.randomUUID();
        java.sql.Timestamp now = java.sql.Timestamp.from(java.time.Instant.now());
        var at = new dev.ridgeline.platform.GeoPoint(lat, lon);
        jdbc.sql("""
                insert into property.property (tenant_id, id, address, address_key, city, state, postal_code, time_zone,
                  latitude, longitude, h3_r7, h3_r8, h3_r9, created_at, updated_at)
                values (:t, :id, :a, :key, 'Nashville', 'TN', '37210', 'America/Chicago', :lat, :lon, :r7, :r8, :r9,
                  :now, :now)""")
                .param("t", company.id().value()).param("id", property).param("a", address)
                .param("key", address.toLowerCase() + " " + property).param("lat", lat).param("lon", lon)
                .param("r7", at.cell(dev.ridgeline.platform.GeoPoint.STORM_RESOLUTION))
                .param("r8", at.cell(dev.ridgeline.platform.GeoPoint.SEARCH_RESOLUTION))
                .param("r9", at.cell(dev.ridgeline.platform.GeoPoint.PROPERTY_RESOLUTION)).param("now", now).update();
        double dLat = 5 / 110_574.0;
        double dLon = 8 / (111_320.0 * Math.cos(Math.toRadians(lat)));
        String ring = String.format(java.util.Locale.ROOT, "[[%f,%f],[%f,%f],[%f,%f],[%f,%f],[%f,%f]]", lon - dLon,
                lat - dLat, lon + dLon, lat - dLat, lon + dLon, lat + dLat, lon - dLon, lat + dLat, lon - dLon, lat - dLat);
        jdbc.sql("""
                insert into property.building (tenant_id, id, property_id, source, source_id, geometry, area_m2,
                  centroid_lat, centroid_lon, min_lat, max_lat, min_lon, max_lon, h3_r9, link_method, created_at, updated_at)
                values (:t, :id, :p, 'OSM', :sid, cast(:g as jsonb), 160, :lat, :lon, :lat0, :lat1, :lon0, :lon1, :r9,
                  'CONTAINMENT', :now, :now)""")
                .param("t", company.id().value()).param("id", UUID.randomUUID()).param("p", property)
                .param("sid", "way/" + property).param("g", "{\"type\":\"Polygon\",\"coordinates\":[" + ring + "]}")
                .param("lat", lat).param("lon", lon).param("lat0", lat - dLat).param("lat1", lat + dLat)
                .param("lon0", lon - dLon).param("lon1", lon + dLon)
                .param("r9", at.cell(dev.ridgeline.platform.GeoPoint.PROPERTY_RESOLUTION)).param("now", now).update();
        return property;
    }

    /** The newest message body sent to an address. */
    public String lastMessageTo(String to) {
        List<String> bodies = jdbc.sql("select body from outreach.message where to_address = :to order by created_at desc, id desc limit 1")
                .param("to", to).query(String.class).list();
        if (bodies.isEmpty()) {
            throw new AssertionError("no message to " + to);
        }
        return bodies.getFirst();
    }

    public long messageCountTo(String to) {
        return jdbc.sql("select count(*) from outreach.message where to_address = :to").param("to", to)
                .query(Long.class).single();
    }

    public static String linkToken(String body) {
        Matcher m = Pattern.compile("token=([A-Za-z0-9_%-]+)").matcher(body);
        if (!m.find()) {
            throw new AssertionError("no link in: " + body);
        }
        return java.net.URLDecoder.decode(m.group(1), java.nio.charset.StandardCharsets.UTF_8);
    }

    public static String code(String body) {
        Matcher m = Pattern.compile("\\b(\\d{6})\\b").matcher(body);
        if (!m.find()) {
            throw new AssertionError("no code in: " + body);
        }
        return m.group(1);
    }
}
