package dev.ridgeline.outreach;

import org.jspecify.annotations.Nullable;

/**
 * What a provider answered for one message of a batch: its receipt, or the exception a one-at-a-time send would have
 * thrown (a {@link ProviderException} when the vendor refused it).
 */
public record Handover(@Nullable ProviderReceipt receipt, @Nullable RuntimeException failure) {

    public Handover {
        if ((receipt == null) == (failure == null)) {
            throw new IllegalArgumentException("a hand-over has a receipt or a failure, not both");
        }
    }

    public static Handover of(java.util.function.Supplier<ProviderReceipt> send) {
        try {
            return new Handover(send.get(), null);
        } catch (RuntimeException e) {
            return new Handover(null, e);
        }
    }
}
