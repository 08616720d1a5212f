package dev.ridgeline.platform.internal.crypto;

import java.time.Clock;
import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import dev.ridgeline.platform.EncryptedColumns;
import dev.ridgeline.platform.PlatformProperties;

@Configuration(proxyBeanMethods = false)
class CryptoConfiguration {

    @Bean
    MasterKeySource masterKeySource(PlatformProperties properties) {
        return new MasterKeySource(properties);
    }

    @Bean
    KeysetStore keysetStore(JdbcClient jdbc, Clock clock) {
        return new KeysetStore(jdbc, clock);
    }

    @Bean
    TinkSecretCipher secretCipher(KeysetStore store, MasterKeySource masterKeys) {
        return new TinkSecretCipher(store, masterKeys);
    }

    @Bean
    KeyRotation keyRotation(KeysetStore store, MasterKeySource masterKeys, TinkSecretCipher cipher,
            List<EncryptedColumns> columns, TransactionTemplate transactions) {
        return new KeyRotation(store, masterKeys, cipher, columns, transactions);
    }

    /** A web server that cannot open its secrets should say so at start, not at the first send. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication
    static class VerifyOnStart {

        @EventListener(ApplicationReadyEvent.class)
        void verify(ApplicationReadyEvent event) {
            event.getApplicationContext().getBean(TinkSecretCipher.class).verify();
        }
    }
}
