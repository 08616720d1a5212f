package dev.ridgeline.imagery.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;

import dev.ridgeline.imagery.ImageryProperties;
import dev.ridgeline.platform.PlatformProperties;

/** The image store (a folder, or S3 when configured) and the hourly job that drops what sources forbid keeping. */
@Configuration(proxyBeanMethods = false)
class ImageryConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ImageryConfiguration.class);

    @Bean
    ImageStore imageStore(ImageryProperties settings, PlatformProperties platform, Clock clock) {
        if (settings.s3().configured()) {
            log.info("Imagery is kept in S3-compatible storage {} (bucket {})", settings.s3().endpoint(),
                    settings.s3().bucket());
            return new S3ImageStore(settings.s3(), clock);
        }
        Path root = settings.storage() != null ? settings.storage() : platform.home().resolve("imagery");
        return new DiskImageStore(root);
    }

    @Bean
    RecurringTask<Void> imageryRetentionTask(ObjectProvider<ImageRepository> images, ObjectProvider<ImageStore> store,
            Clock clock) {
        return Tasks.recurring("imagery-retention", FixedDelay.of(Duration.ofHours(1))).execute((instance, ctx) -> {
            var dropped = images.getObject().dropExpired(clock.instant());
            dropped.forEach(store.getObject()::delete);
            if (!dropped.isEmpty()) {
                log.info("Dropped {} images and tiles past the time their sources allow keeping them", dropped.size());
            }
        });
    }
}
