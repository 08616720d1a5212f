package dev.ridgeline.voice;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.ridgeline.platform.TenantId;

/**
 * An AI call ended and its outcome was applied: sequences branch on it, reports count it.
 *
 * @param result how it ended ({@code BOOKED}, {@code NOT_INTERESTED}, {@code OPTED_OUT}, {@code CALL_BACK},
 *        {@code WRONG_NUMBER}, {@code NO_RESPONSE}, {@code HUNG_UP}, or {@code NOT_ANSWERED})
 * @param claimFiled whether the homeowner said a claim was filed (null when not asked or not known)
 */
public record CallCompleted(TenantId tenantId, UUID callId, UUID leadId, String result, boolean qualified,
        @Nullable Boolean claimFiled, int talkSeconds) {
}
