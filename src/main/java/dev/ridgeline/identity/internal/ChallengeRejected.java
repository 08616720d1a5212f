package dev.ridgeline.identity.internal;

import org.springframework.security.authentication.ott.InvalidOneTimeTokenException;

/** Why a link or code was not accepted; the sign-in pages word each reason differently. */
class ChallengeRejected extends InvalidOneTimeTokenException {

    enum Reason { UNKNOWN, EXPIRED, USED, WRONG_CODE, TOO_MANY_ATTEMPTS }

    private final Reason reason;

    ChallengeRejected(Reason reason) {
        super("sign-in challenge rejected: " + reason);
        this.reason = reason;
    }

    Reason reason() {
        return reason;
    }
}
