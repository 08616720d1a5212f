package dev.ridgeline.platform.internal;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Settles the data folder before anything else reads it: {@code ridgeline.home} defaults to {@code ~/.ridgeline},
 * and the structured log file goes to {@code <home>/logs/ridgeline.log} unless logging is configured otherwise.
 */
public class HomeFolderEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String HOME = "ridgeline.home";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> defaults = new HashMap<>();
        String home = environment.getProperty(HOME);
        if (home == null || home.isBlank()) {
            home = Path.of(System.getProperty("user.home"), ".ridgeline").toString();
            defaults.put(HOME, home);
        }
        if (!environment.containsProperty("logging.file.name") && !environment.containsProperty("logging.file.path")
                && environment.getProperty("ridgeline.log-file", Boolean.class, true)) {
            defaults.put("logging.file.name", Path.of(home, "logs", "ridgeline.log").toString());
        }
        if (!defaults.isEmpty()) {
            environment.getPropertySources().addLast(new MapPropertySource("ridgelineDefaults", defaults));
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
