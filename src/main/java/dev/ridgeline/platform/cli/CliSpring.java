package dev.ridgeline.platform.cli;

import java.util.HashMap;
import java.util.Map;

import java.time.Duration;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.MapPropertySource;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

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
        // Messages a command queues, and the work an import sets off, run after commit on the task executor: a pool
        // of platform threads here (whatever the configuration says), so the close can wait for it to be idle.
        all.put("spring.task.execution.shutdown.await-termination", "true");
        all.put("spring.task.execution.shutdown.await-termination-period", "30s");
        all.putAll(properties);
        return new SpringApplicationBuilder(applicationClass)
                .web(WebApplicationType.NONE)
                .properties(all)
                .logStartupInfo(false)
                .listeners(new FinishBackgroundWork())
                .initializers(context -> context.getEnvironment().getPropertySources().addFirst(
                        new MapPropertySource("cli", Map.of("spring.threads.virtual.enabled", "false"))))
                .run();
    }

    /**
     * Work a command set off after commit (an import's new homes, the analysis after them) runs on the task executor.
     * Closing the context would close the database pool under it, so the close first waits until the executor has
     * been idle for a moment, for as long as ten minutes.
     */
    static final class FinishBackgroundWork implements ApplicationListener<ContextClosedEvent> {

        private static final long IDLE_CHECKS = 3;
        private static final Duration MOST = Duration.ofMinutes(10);

        @Override
        public void onApplicationEvent(ContextClosedEvent event) {
            Object bean = event.getApplicationContext().containsBean("applicationTaskExecutor")
                    ? event.getApplicationContext().getBean("applicationTaskExecutor") : null;
            if (!(bean instanceof ThreadPoolTaskExecutor executor)) {
                return;
            }
            long deadline = System.nanoTime() + MOST.toNanos();
            int idle = 0;
            while (idle < IDLE_CHECKS && System.nanoTime() < deadline) {
                boolean quiet = executor.getActiveCount() == 0
                        && executor.getThreadPoolExecutor().getQueue().isEmpty();
                idle = quiet ? idle + 1 : 0;
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    public static ConfigurableApplicationContext start() {
        return start(Map.of());
    }
}
