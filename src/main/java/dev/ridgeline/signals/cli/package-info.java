/** The signals module's commands ({@code import ...}), listed by the jar's root command. */
@NamedInterface("cli")
@NullMarked
package dev.ridgeline.signals.cli;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
