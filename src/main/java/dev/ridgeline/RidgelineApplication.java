package dev.ridgeline;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;

/**
 * One jar: {@code java -jar ridgeline.jar} serves the web app; {@code java -jar ridgeline.jar <command>} runs a
 * CLI command (see {@code --help}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@Modulithic(systemName = "Ridgeline", sharedModules = "platform")
public class RidgelineApplication {

    public static void main(String[] args) {
        int exit = RidgelineCli.run(args);
        if (exit != RidgelineCli.KEEP_RUNNING) {
            System.exit(exit);
        }
    }
}
