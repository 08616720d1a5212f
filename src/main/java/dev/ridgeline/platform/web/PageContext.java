package dev.ridgeline.platform.web;

import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.ridgeline.platform.Permission;
import dev.ridgeline.platform.Role;

/**
 * What every page's layout needs: who is signed in, the CSRF token for forms and htmx, and flash messages.
 *
 * @param signedIn false on sign-in and setup pages
 * @param path the request path, to mark the active navigation entry
 */
public record PageContext(boolean signedIn, String userName, String companyName, @Nullable Role role,
        Set<Permission> permissions, String csrfParameter, String csrfHeader, String csrfToken, String path,
        List<String> notices, List<String> errors) {

    public boolean can(Permission permission) {
        return permissions.contains(permission);
    }

    /** True for the navigation entry that owns the current page. */
    public boolean active(String section) {
        return path.equals(section) || path.startsWith(section + "/");
    }

    /** The JSON htmx sends as headers on every request, so its POSTs pass CSRF. */
    public String htmxHeaders() {
        return "{\"" + csrfHeader + "\": \"" + csrfToken + "\"}";
    }

    public String roleLabel() {
        return role == null ? "" : role.label();
    }
}
