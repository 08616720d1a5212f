package dev.ridgeline.platform.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextFilesTests {

    @TempDir
    Path dir;

    @Test
    void utf8WithABomIsReadWithoutIt() throws Exception {
        Path f = write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'T', 'i', 'm', 'e'});
        assertThat(read(f)).isEqualTo("Time");
        assertThat(TextFiles.detect(f).charset()).isEqualTo(StandardCharsets.UTF_8);
    }

    @Test
    void utf16LittleEndianWithABom() throws Exception {
        byte[] text = "Größe".getBytes(StandardCharsets.UTF_16LE);
        byte[] all = new byte[text.length + 2];
        all[0] = (byte) 0xFF;
        all[1] = (byte) 0xFE;
        System.arraycopy(text, 0, all, 2, text.length);
        assertThat(read(write(all))).isEqualTo("Größe");
    }

    @Test
    void latin1BytesAreReadAsWindows1252() throws Exception {
        Path f = write("CAÑON CITY,café – 5\u00b0".getBytes(Charset.forName("windows-1252")));
        assertThat(TextFiles.detect(f).charset().name()).isEqualTo("windows-1252");
        assertThat(read(f)).isEqualTo("CAÑON CITY,café – 5\u00b0");
    }

    @Test
    void validUtf8StaysUtf8() throws Exception {
        Path f = write("CAÑON CITY,café".getBytes(StandardCharsets.UTF_8));
        assertThat(TextFiles.detect(f).charset()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(read(f)).isEqualTo("CAÑON CITY,café");
    }

    private Path write(byte[] bytes) throws Exception {
        Path f = Files.createTempFile(dir, "t", ".csv");
        Files.write(f, bytes);
        return f;
    }

    private static String read(Path f) throws Exception {
        try (BufferedReader r = new BufferedReader(TextFiles.open(f, TextFiles.detect(f)))) {
            return r.readLine();
        }
    }
}
