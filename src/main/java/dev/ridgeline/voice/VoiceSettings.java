package dev.ridgeline.voice;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.ridgeline.platform.InvalidInputException;

/**
 * A company's AI assistant: its name, its tone ({@code friendly} or {@code brief}), the inspection times it may
 * offer (hours of the day in the company's time zone, Monday to Saturday, each inspection this many minutes), its
 * voicemail message; whether its calls are held live over a media stream (speech heard and made on this server)
 * rather than turn by turn; and what becomes of calls to the company's number ({@code assistant}: a caller the
 * company has called before is answered by the assistant, anyone else put through; {@code forward}: everyone put
 * through) and to which phone ({@code forwardTo}, E.164; empty: the lead's rep, else nobody).
 */
public record VoiceSettings(String agentName, String tone, List<Integer> inspectionHours, int inspectionMinutes,
        @Nullable String voicemail, @Nullable Boolean live, @Nullable String inbound, @Nullable String forwardTo) {

    public VoiceSettings(String agentName, String tone, List<Integer> inspectionHours, int inspectionMinutes,
            @Nullable String voicemail) {
        this(agentName, tone, inspectionHours, inspectionMinutes, voicemail, false, "assistant", null);
    }

    public boolean liveCalls() {
        return Boolean.TRUE.equals(live);
    }

    /** {@code assistant} or {@code forward}. */
    public String inboundMode() {
        return inbound == null || inbound.isBlank() ? "assistant" : inbound;
    }

    /** The message left after the beep; {name}, {agent}, {company} and {storm} are filled in. */
    public static final String VOICEMAIL = "Hi {name}, this is {agent}, an automated assistant calling for {company} "
            + "about {storm}. We're offering free roof inspections to homes in your area. Please call us back at this "
            + "number. Thank you.";

    public static final VoiceSettings DEFAULTS = new VoiceSettings("Ava", "friendly", List.of(10, 14), 60, VOICEMAIL,
            false, "assistant", null);

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
        if (inbound != null && !inbound.isBlank() && !inbound.equals("assistant") && !inbound.equals("forward")) {
            errors.put("inbound", "incoming calls go to the assistant or are forwarded, not '" + inbound + "'");
        }
        String forward = forwardTo == null || forwardTo.isBlank() ? null : forwardTo.replaceAll("[\\s().-]", "");
        if (forward != null && !forward.matches("\\+[1-9]\\d{7,14}")) {
            errors.put("forwardTo", "the phone to put calls through to must be in E.164, e.g. +16155550123, not '"
                    + forwardTo + "'");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new VoiceSettings(agentName.strip(), tone, inspectionHours.stream().distinct().sorted().toList(),
                inspectionMinutes, voicemail == null || voicemail.isBlank() ? null : voicemail.strip(), liveCalls(),
                inboundMode(), forward);
    }
}
