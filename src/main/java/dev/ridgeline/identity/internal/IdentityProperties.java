package dev.ridgeline.identity.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sign-in settings.
 *
 * @param magicLinkLifetime how long an emailed sign-in link works
 * @param smsCodeLifetime how long a texted code works
 * @param smsCodeAttempts wrong entries allowed per code before it stops working
 * @param invitationLifetime how long an invitation link works
 * @param accountFailures failed sign-ins allowed per account within {@code accountLockout} before it is locked
 * @param accountLockout the window for failures, and how long a lockout lasts
 * @param ipAttempts sign-in requests allowed per IP address within {@code ipWindow}
 * @param ipWindow the window for the per-IP limit
 * @param sendsPerAccountPerHour links and codes sent to one account per hour at most
 * @param secureCookies mark the session cookie Secure (browsers still accept it on http://localhost); turn off
 *     only to try the app over plain HTTP on another host
 */
@ConfigurationProperties("ridgeline.identity")
public record IdentityProperties(
        @DefaultValue("15m") Duration magicLinkLifetime,
        @DefaultValue("10m") Duration smsCodeLifetime,
        @DefaultValue("5") int smsCodeAttempts,
        @DefaultValue("7d") Duration invitationLifetime,
        @DefaultValue("5") int accountFailures,
        @DefaultValue("15m") Duration accountLockout,
        @DefaultValue("30") int ipAttempts,
        @DefaultValue("10m") Duration ipWindow,
        @DefaultValue("5") int sendsPerAccountPerHour,
        @DefaultValue("true") boolean secureCookies) {
}
