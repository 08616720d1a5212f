package dev.ridgeline.platform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/** A command's context closes only after the work it set off on the task executor, and what that set off, is done. */
class CliSpringTests {

    @Test
    void closingWaitsForBackgroundWorkAndTheWorkItStarts() {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(2);
        executor.initialize();
        try (GenericApplicationContext context = new GenericApplicationContext()) {
            context.registerBean("applicationTaskExecutor", ThreadPoolTaskExecutor.class, () -> executor);
            context.refresh();
            AtomicInteger done = new AtomicInteger();
            // An import's follow-up (homes from permits) that itself sets off more (their analysis), a moment later.
            executor.execute(() -> {
                sleep(300);
                done.incrementAndGet();
                executor.execute(() -> {
                    sleep(300);
                    done.incrementAndGet();
                });
            });
            new CliSpring.FinishBackgroundWork().onApplicationEvent(new ContextClosedEvent(context));
            assertThat(done).hasValue(2);
        } finally {
            executor.shutdown();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
