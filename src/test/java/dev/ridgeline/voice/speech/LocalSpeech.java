package dev.ridgeline.voice.speech;

import org.junit.jupiter.api.Assumptions;

/**
 * The local speech programs the live-call tests need (Debian's espeak-ng, festival with festvox-us-slt-hts,
 * pocketsphinx and pocketsphinx-en-us). Without them those tests are skipped, unless
 * {@code RIDGELINE_REQUIRE_SPEECH=1} (set by CI, which installs them) makes that a failure.
 */
public final class LocalSpeech {

    private LocalSpeech() {
    }

    public static void require() {
        boolean installed = LocalVoice.find(LocalVoice.Engine.ESPEAK_NG).isPresent()
                && LocalVoice.find(LocalVoice.Engine.FESTIVAL).isPresent() && Pocketsphinx.installed();
        if (installed) {
            return;
        }
        String what = "local speech (apt-get install espeak-ng festival festvox-us-slt-hts pocketsphinx pocketsphinx-en-us)";
        if ("1".equals(System.getenv("RIDGELINE_REQUIRE_SPEECH"))) {
            throw new IllegalStateException(what + " is not installed");
        }
        Assumptions.abort(what + " not installed: skipped");
    }
}
