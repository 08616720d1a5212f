/** The demo module's command ({@code demo load}), listed by the jar's root command. */
@NamedInterface("cli")
@NullMarked
package dev.ridgeline.demo.cli;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
