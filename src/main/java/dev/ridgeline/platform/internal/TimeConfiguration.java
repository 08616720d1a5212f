package dev.ridgeline.platform.internal;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.ridgeline.platform.IdGenerator;

/** The clock and id generator every module injects; tests replace them with fixed or moving ones. */
@Configuration(proxyBeanMethods = false)
class TimeConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    @ConditionalOnMissingBean
    IdGenerator idGenerator(Clock clock) {
        return new TimeOrderedIdGenerator(clock);
    }
}
