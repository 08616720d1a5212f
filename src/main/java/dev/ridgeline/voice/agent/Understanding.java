package dev.ridgeline.voice.agent;

import java.util.List;

/**
 * Turns what a caller said into what they meant, given the question just asked and the times on offer. The built-in
 * rules are the default; a chat-completions model can stand in.
 */
public interface Understanding {

    Understood understand(Question asked, String said, List<String> offeredTimes);
}
