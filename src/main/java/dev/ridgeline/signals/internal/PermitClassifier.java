package dev.ridgeline.signals.internal;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.ridgeline.signals.PermitCategory;

/**
 * Labels a building permit from its type and its free-text description: re-roof, roof repair, storm repair, or not
 * roofing. Rules, not a model: every label comes with the words that decided it, so a rep can see why. Measured on
 * a hand-labelled sample of Nashville and San Antonio permits (see {@code PermitClassifierEvaluationTests}).
 */
public final class PermitClassifier {

    /** A label and the evidence for it. */
    public record Verdict(PermitCategory category, String reason) {
    }

    private static final Pattern ROOFING_TYPE = Pattern.compile("RE-?ROOF|ROOFING");
    private static final Pattern STORM_TYPE = Pattern.compile("STORM DAMAGE");
    private static final Pattern ROOF_WORDS = Pattern.compile(
            "\\bRE-?ROOF\\w*|\\bROOF(S|ING)?\\b|SHINGLE|TEAR[- ]?OFF|\\bTPO\\b|\\bEPDM\\b|MODIFIED BITUMEN|UNDERLAYMENT");
    private static final Pattern NOT_ROOF_WORK = Pattern.compile(
            "SOLAR|PHOTOVOLTAIC|\\bPV\\b|ROOF ?TOP (HVAC|UNIT|EQUIPMENT)|\\bRTUS?\\b|ROOF SIGN|SATELLITE|ANTENNA"
                    + "|ROOF[- ]?MOUNT|ON THE ROOF OF|ROOF DRAIN|ROOF PENETRATION");
    private static final Pattern REPLACE_WORDS = Pattern.compile(
            "\\bRE-?ROOF\\w*|TEAR[- ]?OFF|REMOVE (AND|&) REPLACE|REPLACE (THE |EXISTING |ALL )*(ROOF|SHINGLES|ROOFING)"
                    + "|NEW (ROOF|SHINGLES|ROOFING)|ROOF REPLACEMENT|OVERLAY|RE-?COVER|INSTALL(ING)? (NEW )?"
                    + "(ARCHITECTURAL )?SHINGLES|REPLACE ROOF");
    private static final Pattern REPAIR_WORDS = Pattern.compile(
            "REPAIR|PATCH|LEAK|(SOME|DAMAGED|MISSING|FEW) SHINGLES|DECKING|PARTIAL");
    private static final Pattern STORM_WORDS = Pattern.compile(
            "STORM|HAIL|WIND DAMAGE|WIND CAUSED|TORNADO|HURRICANE|TREE (FELL|FALL|LIMB)|FALLEN TREE|TREE (ON|THROUGH|HIT)");
    private static final Pattern SIDING_ONLY = Pattern.compile("SIDING|GUTTER|SOFFIT|FASCIA|WINDOW");

    public Verdict classify(@Nullable String type, @Nullable String subtype, @Nullable String description) {
        String t = upper(type) + " " + upper(subtype);
        String d = upper(description);
        boolean roofingType = ROOFING_TYPE.matcher(t).find();
        if (!roofingType && !mayMentionARoof(d)) {
            // Most permits never mention a roof: answer without running the other patterns.
            return new Verdict(PermitCategory.NOT_ROOFING, "no roofing type or roofing words");
        }
        boolean stormType = STORM_TYPE.matcher(t).find();
        Matcher roof = ROOF_WORDS.matcher(d);
        boolean roofWords = roof.find();
        Matcher notRoof = NOT_ROOF_WORK.matcher(d);
        boolean notRoofWork = notRoof.find();
        Matcher replace = REPLACE_WORDS.matcher(d);
        boolean replaceWords = replace.find();
        Matcher repair = REPAIR_WORDS.matcher(d);
        boolean repairWords = repair.find();
        Matcher storm = STORM_WORDS.matcher(d);
        boolean stormWords = storm.find();

        if (roofingType && !roofWords && SIDING_ONLY.matcher(d).find()) {
            return new Verdict(PermitCategory.NOT_ROOFING, "a roofing/siding permit whose text names only siding work");
        }
        if (notRoofWork && !replaceWords && !roofingType) {
            return new Verdict(PermitCategory.NOT_ROOFING, "\"" + notRoof.group() + "\" is work on a roof, not the roof");
        }
        boolean roofWork = roofingType || roofWords && (replaceWords || repairWords || stormWords);
        if (!roofWork) {
            return new Verdict(PermitCategory.NOT_ROOFING, roofWords ? "mentions a roof but no work on it"
                    : "no roofing type or roofing words");
        }
        if (stormWords || stormType && roofWords) {
            return new Verdict(PermitCategory.STORM_REPAIR, "roof work after a storm: \""
                    + (stormWords ? storm.group() : "storm damage") + "\"");
        }
        if (repairWords && !replaceWords) {
            return new Verdict(PermitCategory.ROOF_REPAIR, "roof work described as \"" + repair.group() + "\"");
        }
        if (replaceWords) {
            return new Verdict(PermitCategory.REROOF, "description says \"" + replace.group() + "\"");
        }
        return new Verdict(PermitCategory.REROOF, "permit type is \"" + (type == null ? "" : type.trim()) + "\"");
    }

    /** A cheap pre-check: false only when {@link #ROOF_WORDS} cannot match. */
    private static boolean mayMentionARoof(String d) {
        return d.contains("ROOF") || d.contains("SHINGLE") || d.contains("TEAR") || d.contains("TPO")
                || d.contains("EPDM") || d.contains("BITUMEN") || d.contains("UNDERLAYMENT");
    }

    private static String upper(@Nullable String s) {
        return s == null ? "" : s.toUpperCase(Locale.ROOT);
    }
}
