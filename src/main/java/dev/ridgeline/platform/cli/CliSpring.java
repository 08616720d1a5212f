package dev.ridgeline.platform.cli;

import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the application without its web server for a CLI command: same configuration, same database (an embedded
 * server already run by the app is reused), no background jobs.
 */
public final class CliSpring {

    private static Class<?> applicationClass = Object.class;

    private CliSpring() {
    }

    /** Called once by {@code main} with the {@code @SpringBootApplication} class. */
    public static void use(Class<?> application) {
        applicationClass = application;
    }

    public static ConfigurableApplicationContext start(Map<String, Object> properties) {
        Map<String, Object> all = new HashMap<>();
        all.put("db-scheduler.enabled", "false");
        all.put("spring.main.banner-mode", "off");
        all.put("logging.level.root", "warn");
        all.put("logging.level.dev.ridgeline", "warn");
        all.put("spring.modulith.events.republish-outstanding-events-on-restart", "false");
        // Messages a command queues are dispatched after commit on the task executor: wait for them before exit.
        all.put("spring.threads.virtual.enabled", "false");
        all.put("spring.task.execution.shutdown.await-termination", "true");
        all.put("spring.task.execution.shutdown.await-termination-period", "30s");
        all.putAll(properties);
        return new SpringApplicationBuilder(applicationClass)
                .web(WebApplicationType.NONE)
                .properties(all)
                .logStartupInfo(false)
                .run();
    }

    public static ConfigurableApplicationContext start() {
        return start(Map.of());
    }
}
