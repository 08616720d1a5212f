/**
 * The rules every channel obeys at send time: calling hours in the recipient's own time, state by state; consent;
 * opt-outs by any reasonable means; do-not-call. One place, because a person who says stop on one channel is a
 * person, not a channel.
 */
@NamedInterface("compliance")
@NullMarked
package dev.ridgeline.outreach.compliance;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
