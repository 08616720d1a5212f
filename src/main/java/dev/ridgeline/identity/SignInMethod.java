package dev.ridgeline.identity;

/** How someone proved who they are. */
public enum SignInMethod {
    PASSWORD, EMAIL_LINK, SMS_CODE, INVITATION, TOTP;

    public String label() {
        return switch (this) {
            case PASSWORD -> "password";
            case EMAIL_LINK -> "email link";
            case SMS_CODE -> "SMS code";
            case INVITATION -> "invitation link";
            case TOTP -> "authenticator code";
        };
    }
}
