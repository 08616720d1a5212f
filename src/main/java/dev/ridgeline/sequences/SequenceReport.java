package dev.ridgeline.sequences;

import java.math.BigDecimal;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.ridgeline.leads.LeadStage;

/**
 * What a sequence converted, by last touch: a lead's first arrival at a stage is credited to the sequence step that
 * touched it last before.
 *
 * @param enrolled leads ever enrolled
 * @param stages the funnel: for each stage, the leads credited to this sequence that reached it or a later one
 * @param credits which step and channel had the last touch, per stage
 * @param revenue job values of the leads it won (signed or later) that have one
 * @param wonWithValue how many of the won leads have a job value
 */
public record SequenceReport(int enrolled, List<Stage> stages, List<Credit> credits, BigDecimal revenue,
        int wonWithValue, int won) {

    /** The stages of the funnel, in order. */
    public static final List<LeadStage> FUNNEL = List.of(LeadStage.CONTACTED, LeadStage.ENGAGED,
            LeadStage.INSPECTION_BOOKED, LeadStage.INSPECTED, LeadStage.CLAIM_FILED, LeadStage.SIGNED,
            LeadStage.INSTALLED, LeadStage.PAID);

    /** @param medianDays median days from enrolment to the stage, of the leads that reached it through this sequence */
    public record Stage(LeadStage stage, int leads, @Nullable Double medianDays) {
    }

    public record Credit(int position, String channel, LeadStage stage, int conversions) {
    }
}
