package dev.ridgeline.property.internal;

import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dev.ridgeline.platform.Addresses;
import dev.ridgeline.platform.GeoPoint;
import dev.ridgeline.platform.TenantId;
import dev.ridgeline.platform.io.CopyStream;
import dev.ridgeline.property.PermitHomesAdded;
import dev.ridgeline.signals.Permit;
import dev.ridgeline.signals.PermitsImported;
import dev.ridgeline.signals.SignalsService;

/**
 * A located building permit names a building that stands at that address: after each permit import its addresses
 * join the property graph (matched like every other source, by normalised address or the same house number within
 * 30 m; new ones created with location source PERMIT). Where the property graph is thin, the permit file is the
 * census of homes that roof age and re-roofing waves are judged on.
 */
@Component
public class PermitHomes {

    private static final Logger log = LoggerFactory.getLogger(PermitHomes.class);
    private static final String STAGE_COLUMNS = "line, address, address_key, unit_key, house_number, city, state, "
            + "postal_code, latitude, longitude, h3_r7, h3_r8, h3_r9, location_source";

    private final SignalsService signals;
    private final PropertyGraph graph;
    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final Clock clock;

    private final ApplicationEventPublisher events;

    PermitHomes(SignalsService signals, PropertyGraph graph, JdbcClient jdbc, DataSource dataSource, Clock clock,
            ApplicationEventPublisher events) {
        this.events = events;
        this.signals = signals;
        this.graph = graph;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.clock = clock;
    }

    @ApplicationModuleListener
    void on(PermitsImported event) {
        long created = addHomes(event.tenantId(), event.importId());
        events.publishEvent(new PermitHomesAdded(event.tenantId(), event.importId(), created));
        log.info("Permit import {}: {} new homes from permit addresses", event.importId(), created);
    }

    /**
     * Adds the located addresses of an import's permits (of all the company's permits when {@code importId} is null)
     * to the property graph; answers how many homes are new.
     */
    @Transactional
    public long addHomes(TenantId tenant, @Nullable UUID importId) {
        // Read first: the connection serves nothing else while the COPY below runs.
        List<Permit> located = new ArrayList<>();
        java.util.function.Consumer<Permit> keep = p -> {
            if (p.latitude() != null && p.longitude() != null) {
                located.add(p);
            }
        };
        if (importId == null) {
            signals.forEachPermit(tenant, false, keep);
        } else {
            signals.forEachPermitOfImport(tenant, importId, keep);
        }
        if (located.isEmpty()) {
            return 0;
        }
        jdbc.sql("""
                create temp table stage_permit_home (line bigint, err_reason text, address text, address_key text,
                  unit_key text, house_number text, city text, state text, postal_code text,
                  latitude double precision, longitude double precision, h3_r7 bigint, h3_r8 bigint, h3_r9 bigint,
                  location_source text, property_id uuid) on commit drop""").update();
        try (CopyStream copy = new CopyStream(DataSourceUtils.getConnection(dataSource), "stage_permit_home",
                STAGE_COLUMNS)) {
            long line = 0;
            for (Permit p : located) {
                Addresses.Street street = Addresses.street(p.address());
                if (street.line().isEmpty()) {
                    continue;
                }
                GeoPoint at = new GeoPoint(p.latitude(), p.longitude());
                copy.row(++line, p.address(), street.line(), street.unit() == null ? "" : street.unit(),
                        FootprintParser.houseNumber(street.line()), p.city(), p.state(), p.postalCode(), p.latitude(),
                        p.longitude(), at.cell(GeoPoint.STORM_RESOLUTION), at.cell(GeoPoint.SEARCH_RESOLUTION),
                        at.cell(GeoPoint.PROPERTY_RESOLUTION), "PERMIT");
            }
            copy.finish();
        } catch (SQLException e) {
            throw new IllegalStateException("staging permit addresses failed: " + e.getMessage(), e);
        }
        return graph.resolve("stage_permit_home", tenant, clock.instant());
    }
}
