package dev.ridgeline.identity.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.springframework.stereotype.Component;

import dev.ridgeline.identity.Tenant;
import dev.ridgeline.outreach.Channel;
import dev.ridgeline.outreach.MessagePurpose;
import dev.ridgeline.outreach.OutboundMessage;
import dev.ridgeline.outreach.OutreachService;
import dev.ridgeline.outreach.SendRequest;
import dev.ridgeline.platform.PlatformProperties;

/** Writes sign-in links, codes and invitations and hands them to the tenant's email or SMS provider. */
@Component
class SignInMessages {

    private final OutreachService outreach;
    private final TenantRepository tenants;
    private final PlatformProperties platform;
    private final IdentityProperties properties;

    SignInMessages(OutreachService outreach, TenantRepository tenants, PlatformProperties platform,
            IdentityProperties properties) {
        this.outreach = outreach;
        this.tenants = tenants;
        this.platform = platform;
        this.properties = properties;
    }

    OutboundMessage magicLink(UserRecord user, IssuedToken token) {
        String company = companyName(user);
        String link = platform.publicUrl() + "/login/ott?token=" + encode(token.tokenValue());
        String body = """
                Hi %s,

                Use this link to sign in to Ridgeline for %s:

                %s

                The link works once and expires in %s. If you did not ask to sign in, ignore this email: \
                nobody can use your account without the link.
                """.formatted(user.name(), company, link, minutes(properties.magicLinkLifetime()));
        return outreach.send(new SendRequest(user.tenantId(), Channel.EMAIL, MessagePurpose.SIGN_IN, user.email(),
                "Your Ridgeline sign-in link", body, "sign-in-link:" + token.challengeId(), user.id()));
    }

    OutboundMessage smsCode(UserRecord user, IssuedToken token) {
        String body = "%s is your Ridgeline sign-in code for %s. It expires in %s. Never share it."
                .formatted(token.tokenValue(), companyName(user), minutes(properties.smsCodeLifetime()));
        return outreach.send(new SendRequest(user.tenantId(), Channel.SMS, MessagePurpose.SIGN_IN, user.phone(), null,
                body, "sign-in-code:" + token.challengeId(), user.id()));
    }

    OutboundMessage invitation(UserRecord user, String inviterName, IssuedToken token) {
        String company = companyName(user);
        String link = platform.publicUrl() + "/login/invite?token=" + encode(token.tokenValue());
        String body = """
                Hi %s,

                %s invited you to %s on Ridgeline as %s.

                Accept the invitation and sign in:

                %s

                The link works once and expires in %d days. Afterwards you can sign in with a link by email%s.
                """.formatted(user.name(), inviterName, company, article(user.role().label()), link,
                properties.invitationLifetime().toDays(),
                user.phone() == null ? "" : " or a code by text message to " + user.phone());
        return outreach.send(new SendRequest(user.tenantId(), Channel.EMAIL, MessagePurpose.INVITATION, user.email(),
                inviterName + " invited you to " + company + " on Ridgeline", body, "invitation:" + token.challengeId(),
                null));
    }

    private String companyName(UserRecord user) {
        return tenants.find(user.tenantId()).map(Tenant::name).orElse("your company");
    }

    private static String minutes(Duration d) {
        return d.toMinutes() + " minutes";
    }

    private static String article(String role) {
        return ("aeiou".indexOf(Character.toLowerCase(role.charAt(0))) >= 0 ? "an " : "a ") + role.toLowerCase();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
