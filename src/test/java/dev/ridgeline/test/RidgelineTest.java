package dev.ridgeline.test;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * An integration test of the whole application on a real PostgreSQL database of its own, with MockMvc and a
 * clock the test can move.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(properties = {
        "ridgeline.outreach.sandbox-step-delay=50ms",
        "db-scheduler.polling-interval=100ms",
        "ridgeline.public-url=http://localhost",
        "spring.main.banner-mode=off"})
@AutoConfigureMockMvc
@ContextConfiguration(initializers = {TestDatabaseInitializer.class, MailboxApiStub.class})
@Import(TestClockConfiguration.class)
public @interface RidgelineTest {
}
