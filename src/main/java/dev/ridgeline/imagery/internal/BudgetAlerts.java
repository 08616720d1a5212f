package dev.ridgeline.imagery.internal;

import java.math.RoundingMode;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import dev.ridgeline.identity.IdentityService;
import dev.ridgeline.identity.User;
import dev.ridgeline.imagery.BudgetAlertRaised;
import dev.ridgeline.outreach.Channel;
import dev.ridgeline.outreach.MessagePurpose;
import dev.ridgeline.outreach.OutreachService;
import dev.ridgeline.outreach.SendRequest;
import dev.ridgeline.platform.Role;

/** Emails the company's owners when imagery spend crosses 50%, 80% or 100% of a budget (once each a month). */
@Component
class BudgetAlerts {

    private final IdentityService identity;
    private final OutreachService outreach;

    BudgetAlerts(IdentityService identity, OutreachService outreach) {
        this.identity = identity;
        this.outreach = outreach;
    }

    @ApplicationModuleListener
    void on(BudgetAlertRaised e) {
        String what = e.scope().equals(Budgets.OVERALL) ? "your imagery budget" : "your budget for " + e.scopeName();
        String subject = "Imagery: " + e.threshold() + "% of " + what + " used (" + e.month() + ")";
        String body = "Imagery spend this month has reached $" + e.spentUsd().setScale(2, RoundingMode.HALF_UP)
                + " of $" + e.budgetUsd().setScale(2, RoundingMode.HALF_UP) + " (" + what + ")."
                + (e.threshold() >= 100 ? " Paid imagery sources are stopped until next month or until the budget is "
                        + "raised; free sources go on." : "")
                + " Budgets are on the Imagery page under Settings.";
        for (User owner : identity.activeUsers(e.tenant(), Role.OWNER)) {
            if (owner.email() == null) {
                continue;
            }
            outreach.send(new SendRequest(e.tenant(), Channel.EMAIL, MessagePurpose.NOTIFICATION, owner.email(), subject,
                    body, "imagery-budget:" + e.scope() + ":" + e.month() + ":" + e.threshold() + ":" + owner.id(), null));
        }
    }
}
