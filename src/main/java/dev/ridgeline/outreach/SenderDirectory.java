package dev.ridgeline.outreach;

import java.util.Optional;

import dev.ridgeline.platform.TenantId;

/**
 * What outreach needs to know about the company that sends: implemented by the module that keeps the company
 * profile, so that outreach does not depend on it.
 */
public interface SenderDirectory {

    /** The company's name as recipients know it. */
    Optional<String> companyName(TenantId tenant);

    /**
     * The company's postal address on one line, for the footer every marketing email must carry (CAN-SPAM), or
     * empty when the company has not entered one.
     */
    Optional<String> postalAddress(TenantId tenant);

    /** A user's email address, for telling a rep about a reply; empty when the user is gone. */
    Optional<String> userEmail(TenantId tenant, dev.ridgeline.platform.UserId user);

    /** The email addresses of the company's active owners, to tell them what needs their decision. */
    java.util.List<String> ownerEmails(TenantId tenant);
}
