/** The roof module's command ({@code roof train|evaluate}), listed by the jar's root command. */
@NamedInterface("cli")
@NullMarked
package dev.ridgeline.roof.cli;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
