package dev.ridgeline.platform;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import static dev.ridgeline.platform.Permission.*;

/** The three roles of a roofing company, each with the permissions such a person expects. */
public enum Role {
    /** Runs the company: everything, including users, connections, API keys and billing-like settings. */
    OWNER(EnumSet.allOf(Permission.class)),
    /** Runs the sales team: every lead, the team, the outbox, data imports; not users, connections or keys. */
    MANAGER(EnumSet.of(LEADS_VIEW_ALL, LEADS_ASSIGN, TEAM_VIEW, OUTBOX_VIEW_ALL, DATA_IMPORT)),
    /** Works the leads assigned to them. */
    REP(EnumSet.noneOf(Permission.class));

    private final Set<Permission> permissions;

    Role(Set<Permission> permissions) {
        this.permissions = Set.copyOf(permissions);
    }

    public Set<Permission> permissions() {
        return permissions;
    }

    public boolean can(Permission permission) {
        return permissions.contains(permission);
    }

    public String label() {
        return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
    }

    /** Parses a role name case-insensitively; throws {@link IllegalArgumentException} naming the valid roles. */
    public static Role parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown role '" + value + "': use owner, manager or rep");
        }
    }
}
