package dev.ridgeline.platform.internal;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableAsync;

/** Async listeners run after their transaction commits, on Boot's task executor (virtual threads). */
@Configuration(proxyBeanMethods = false)
@EnableAsync
class AsyncConfiguration {
}
