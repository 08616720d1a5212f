package dev.ridgeline.imagery;

import java.math.BigDecimal;

/**
 * Where a source reports each call it made, free or paid, for the usage and cost ledger. The router gives one to
 * every fetch; a paid image is reserved against the budget before the call and confirmed here when it was made.
 */
@FunctionalInterface
public interface Meter {

    /** A call made: its product, how many units it used (tiles, images, requests) and the price of one. */
    void call(String product, int units, BigDecimal unitPrice);

    /** A meter that forgets everything (the connection form's "Test" counts its own call). */
    Meter NONE = (product, units, unitPrice) -> {
    };
}
