package dev.ridgeline.voice.internal;

import java.util.Map;

/**
 * TwiML documents for the AI call's flow, built from the documented verbs and attributes only (PROVIDERS.md 2.3):
 * each turn is a {@code <Gather input="speech">} wrapping the agent's {@code <Say>}, so the callee can speak over it
 * (Twilio stops the speech: barge-in), posting the result to the next turn, with {@code actionOnEmptyResult} so
 * silence is a turn too; the last words are a {@code <Say>} and a {@code <Hangup/>}. Should Twilio ever fall through a
 * {@code <Gather>}, the call says goodbye rather than going silent.
 */
public final class Twiml {

    /** The verbs and the attributes each may carry: what a test checks every document against. */
    public static final Map<String, java.util.Set<String>> ALLOWED = Map.of(
            "Response", java.util.Set.of(),
            "Say", java.util.Set.of("voice", "language", "loop"),
            "Gather", java.util.Set.of("action", "method", "input", "timeout", "speechTimeout", "speechModel",
                    "language", "hints", "actionOnEmptyResult", "profanityFilter"),
            "Hangup", java.util.Set.of(),
            "Pause", java.util.Set.of("length"),
            "Dial", java.util.Set.of("action", "method", "timeout", "callerId", "record", "recordingStatusCallback",
                    "recordingStatusCallbackEvent", "answerOnBridge", "timeLimit"),
            "Number", java.util.Set.of("url", "method", "statusCallback"),
            "Connect", java.util.Set.of("action", "method"),
            "Stream", java.util.Set.of("url", "name", "statusCallback", "statusCallbackMethod"),
            "Parameter", java.util.Set.of("name", "value"));

    /** The text-to-speech voice Twilio speaks with. */
    public static final String DEFAULT_VOICE = "Polly.Joanna-Neural";

    private Twiml() {
    }

    /** One turn: say the words, then listen; what is heard (or nothing) goes to {@code action}. */
    public static String turn(String say, String voice, String action, String hints) {
        return header() + "<Response><Gather input=\"speech\" action=\"" + attr(action) + "\" method=\"POST\""
                + " speechTimeout=\"auto\" speechModel=\"phone_call\" language=\"en-US\" actionOnEmptyResult=\"true\""
                + (hints.isBlank() ? "" : " hints=\"" + attr(hints) + "\"") + ">"
                + say(say, voice) + "</Gather>" + say("Sorry, I could not hear you. Goodbye.", voice)
                + "<Hangup/></Response>";
    }

    /** The last words, then hang up. */
    public static String goodbye(String say, String voice) {
        return header() + "<Response>" + say(say, voice) + "<Hangup/></Response>";
    }

    /**
     * Click-to-call, once the rep answered: say whom they are being put through to, then dial the homeowner from the
     * company's caller id, recording from the answer in two channels; {@code announceUrl} is played to the homeowner
     * on answering, before the two are connected (the recording notice, where the homeowner's state needs it).
     */
    public static String bridge(String say, String voice, String callerId, String action, String recordingCallback,
            String number, String announceUrl) {
        return header() + "<Response>" + say(say, voice) + "<Dial callerId=\"" + attr(callerId) + "\" action=\""
                + attr(action) + "\" method=\"POST\" timeout=\"30\" answerOnBridge=\"true\""
                + " record=\"record-from-answer-dual\" recordingStatusCallback=\"" + attr(recordingCallback) + "\""
                + " recordingStatusCallbackEvent=\"completed\"><Number url=\"" + attr(announceUrl)
                + "\" method=\"POST\">" + text(number) + "</Number></Dial></Response>";
    }

    /**
     * A live call: the call is held on a two-way media stream to {@code url} ({@code wss://}) with {@code parameters}
     * handed over in its {@code start} message, until this server closes the stream (or it fails); then Twilio asks
     * {@code action} what next.
     */
    public static String stream(String url, Map<String, String> parameters, String action) {
        StringBuilder p = new StringBuilder();
        parameters.forEach((k, v) -> p.append("<Parameter name=\"").append(attr(k)).append("\" value=\"")
                .append(attr(v)).append("\"/>"));
        return header() + "<Response><Connect action=\"" + attr(action) + "\" method=\"POST\"><Stream url=\""
                + attr(url) + "\">" + p + "</Stream></Connect></Response>";
    }

    /**
     * An incoming call put through to a rep: a greeting, then the rep's phone rings from the company's number (so
     * the rep knows it is a business call) for {@code seconds}, recorded from the answer where {@code record}; what
     * became of it goes to {@code action}.
     */
    public static String forward(String greeting, String voice, String callerId, String number, int seconds,
            boolean record, String action, String recordingCallback) {
        return header() + "<Response>" + say(greeting, voice) + "<Dial callerId=\"" + attr(callerId) + "\" action=\""
                + attr(action) + "\" method=\"POST\" timeout=\"" + seconds + "\" answerOnBridge=\"true\""
                + (record ? " record=\"record-from-answer-dual\" recordingStatusCallback=\"" + attr(recordingCallback)
                        + "\" recordingStatusCallbackEvent=\"completed\"" : "")
                + "><Number>" + text(number) + "</Number></Dial></Response>";
    }

    /** Words said to whoever is on the line, then the document ends (the call goes on where it was). */
    public static String say(String text) {
        return header() + "<Response>" + say(text, DEFAULT_VOICE) + "</Response>";
    }

    /** Nothing to do. */
    public static String empty() {
        return header() + "<Response/>";
    }

    /** Nothing more to do on this call. */
    public static String hangUp() {
        return header() + "<Response><Hangup/></Response>";
    }

    private static String say(String text, String voice) {
        return "<Say voice=\"" + attr(voice) + "\" language=\"en-US\">" + text(text) + "</Say>";
    }

    private static String header() {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
    }

    static String text(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static String attr(String s) {
        return text(s).replace("\"", "&quot;");
    }
}
