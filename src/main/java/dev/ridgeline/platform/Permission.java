package dev.ridgeline.platform;

/** What a role may do. Checked both on URLs (security rules) and in the facades. */
public enum Permission {
    /** See and work every lead of the company, not only one's own. */
    LEADS_VIEW_ALL,
    /** Create leads and assign them to reps. */
    LEADS_ASSIGN,
    /** See the team: users, their roles and activity. */
    TEAM_VIEW,
    /** Invite users, change roles, disable accounts. */
    USERS_MANAGE,
    /** Add, change and remove provider connections and their secrets. */
    CONNECTIONS_MANAGE,
    /** Create and revoke API keys. */
    API_KEYS_MANAGE,
    /** Change the company profile (legal name, postal address) and billing-like settings. */
    COMPANY_MANAGE,
    /** Read the audit log. */
    AUDIT_VIEW,
    /** See every outbound message of the company, not only one's own. */
    OUTBOX_VIEW_ALL,
    /** Import storm reports, permits, footprints, contacts and claims data. */
    DATA_IMPORT;

    /** The Spring Security authority name for this permission. */
    public String authority() {
        return "PERM_" + name();
    }
}
