/** The insight module's command ({@code insight analyse|backtest}), listed by the jar's root command. */
@NamedInterface("cli")
@NullMarked
package dev.ridgeline.insight.cli;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
