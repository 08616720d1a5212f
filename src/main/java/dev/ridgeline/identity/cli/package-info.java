/** The identity module's commands ({@code tenant create}, {@code user add}), listed by the jar's root command. */
@NamedInterface("cli")
@NullMarked
package dev.ridgeline.identity.cli;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
