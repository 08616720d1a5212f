/**
 * Companies (tenants), their users and roles, every way of signing in (password, email magic link, SMS code,
 * TOTP second factor), API keys and the audit log. It owns schema {@code identity}; it sends sign-in messages
 * through {@code outreach} and records the {@code AuditableAction}s other modules publish.
 */
@NullMarked
package dev.ridgeline.identity;

import org.jspecify.annotations.NullMarked;
