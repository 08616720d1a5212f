package dev.ridgeline.imagery.provider.google;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Google's URL signing against the vector in reference/PROVIDERS.md 8.4. */
class UrlSignerTests {

    @Test
    void theReferenceVector() {
        UrlSigner signer = new UrlSigner("vNIXE0xscrmjlyV-12Nj_BvUPaw=");
        assertThat(signer.signature("/maps/api/staticmap?center=Z%C3%BCrich&size=400x400&client=clientID"))
                .isEqualTo("tAxj3_CfLT9VOhRyEfA7g7Z_3Pc=");
        assertThat(signer.sign("https://maps.googleapis.com/maps/api/staticmap?center=Z%C3%BCrich&size=400x400&client=clientID"))
                .endsWith("&signature=tAxj3_CfLT9VOhRyEfA7g7Z_3Pc=");
    }
}
