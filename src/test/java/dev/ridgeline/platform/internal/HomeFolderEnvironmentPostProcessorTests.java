package dev.ridgeline.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.mock.env.MockEnvironment;

class HomeFolderEnvironmentPostProcessorTests {

    private final HomeFolderEnvironmentPostProcessor processor = new HomeFolderEnvironmentPostProcessor();

    @Test
    void defaultsTheHomeToTheUsersDataFolderAndLogsThere() {
        MockEnvironment env = new MockEnvironment();
        processor.postProcessEnvironment(env, new SpringApplication());
        assertThat(env.getProperty("ridgeline.home")).isEqualTo(System.getProperty("user.home") + "/.ridgeline");
        assertThat(env.getProperty("logging.file.name")).isEqualTo(System.getProperty("user.home") + "/.ridgeline/logs/ridgeline.log");
    }

    @Test
    void honoursAGivenHomeAndExplicitLoggingSettings() {
        MockEnvironment env = new MockEnvironment().withProperty("ridgeline.home", "/srv/ridgeline");
        processor.postProcessEnvironment(env, new SpringApplication());
        assertThat(env.getProperty("logging.file.name")).isEqualTo("/srv/ridgeline/logs/ridgeline.log");

        MockEnvironment off = new MockEnvironment().withProperty("ridgeline.home", "/srv/r").withProperty("ridgeline.log-file", "false");
        processor.postProcessEnvironment(off, new SpringApplication());
        assertThat(off.getProperty("logging.file.name")).isNull();

        MockEnvironment own = new MockEnvironment();
        own.getPropertySources().addFirst(new MapPropertySource("x", Map.of("logging.file.name", "/var/log/r.log")));
        processor.postProcessEnvironment(own, new SpringApplication());
        assertThat(own.getProperty("logging.file.name")).isEqualTo("/var/log/r.log");
    }
}
