package dev.ridgeline.voice;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.ridgeline.platform.InvalidInputException;

/**
 * A company's AI assistant: its name, its tone ({@code friendly} or {@code brief}), and the inspection times it may
 * offer (hours of the day in the company's time zone, Monday to Saturday, each inspection this many minutes).
 */
public record VoiceSettings(String agentName, String tone, List<Integer> inspectionHours, int inspectionMinutes,
        @org.jspecify.annotations.Nullable String voicemail) {

    /** The message left after the beep; {name}, {agent}, {company} and {storm} are filled in. */
    public static final String VOICEMAIL = "Hi {name}, this is {agent}, an automated assistant calling for {company} "
            + "about {storm}. We're offering free roof inspections to homes in your area. Please call us back at this "
            + "number. Thank you.";

    public static final VoiceSettings DEFAULTS = new VoiceSettings("Ava", "friendly", List.of(10, 14), 60, VOICEMAIL);

    /** The voicemail message, the default when none was set. */
    public String voicemailText() {
        return voicemail == null || voicemail.isBlank() ? VOICEMAIL : voicemail;
    }

    /** The same settings, or every problem named. */
    public VoiceSettings checked() {
        Map<String, String> errors = new LinkedHashMap<>();
        if (agentName == null || agentName.isBlank() || agentName.length() > 40) {
            errors.put("agentName", "the assistant's name must be 1 to 40 characters");
        }
        if (!"friendly".equals(tone) && !"brief".equals(tone)) {
            errors.put("tone", "tone must be friendly or brief, not '" + tone + "'");
        }
        if (inspectionHours == null || inspectionHours.isEmpty() || inspectionHours.stream().anyMatch(h -> h < 7 || h > 19)) {
            errors.put("inspectionHours", "inspection hours must be whole hours from 7 to 19");
        }
        if (inspectionMinutes < 15 || inspectionMinutes > 240) {
            errors.put("inspectionMinutes", "an inspection lasts 15 to 240 minutes");
        }
        if (voicemail != null && voicemail.length() > 600) {
            errors.put("voicemail", "the voicemail message must be at most 600 characters (about 40 seconds)");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new VoiceSettings(agentName.strip(), tone, inspectionHours.stream().distinct().sorted().toList(),
                inspectionMinutes, voicemail == null || voicemail.isBlank() ? null : voicemail.strip());
    }
}
