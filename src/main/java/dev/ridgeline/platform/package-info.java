/**
 * The shared kernel: ids, the acting user and their role, problem exceptions, the secret cipher, the clock and id
 * generator, the embedded database and the web layout. Every module may use it; it uses no other module.
 */
@NullMarked
package dev.ridgeline.platform;

import org.jspecify.annotations.NullMarked;
