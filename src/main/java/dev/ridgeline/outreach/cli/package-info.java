/** The outreach module's command ({@code email classify|dkim-key}), listed by the jar's root command. */
@NamedInterface("cli")
@NullMarked
package dev.ridgeline.outreach.cli;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
