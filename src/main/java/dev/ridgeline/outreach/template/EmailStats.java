package dev.ridgeline.outreach.template;

import java.util.UUID;

/**
 * What a group of emails did (one template's, one variant's or one mailbox's; {@code id} names the group): how many
 * were sent, delivered, bounced; opened by people and by machines (privacy proxies, scanners), clicked, replied to;
 * and how many recipients unsubscribed or complained from one of them.
 */
public record EmailStats(UUID id, int sent, int delivered, int bounced, int openedByPeople,
        int openedByMachines, int clicked, int replied, int unsubscribed, int complained) {

    /** Replies per email handed over, 0 to 1. */
    public double replyRate() {
        return sent == 0 ? 0 : (double) replied / sent;
    }

    public static EmailStats none(UUID id) {
        return new EmailStats(id, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }
}
