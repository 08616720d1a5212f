/**
 * Public and customer data coming in: storm reports now; permits, footprints, contacts and area claims next.
 * Every import streams its file, stores or reports each row (line, column, reason), is idempotent by natural
 * keys, and leaves an import record. It owns schema {@code signals}.
 */
@NullMarked
package dev.ridgeline.signals;

import org.jspecify.annotations.NullMarked;
