/** Map, aerial and street-level imagery of properties, free first: the {@code ImagerySource} interface, the router with budgets, quotas and rate limits, the usage and cost ledger, the content-addressed image store and the tile proxy. It owns schema {@code imagery}. */
@NullMarked
package dev.ridgeline.imagery;

import org.jspecify.annotations.NullMarked;
