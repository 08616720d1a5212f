package dev.ridgeline.outreach.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import dev.ridgeline.outreach.DoNotCall;
import dev.ridgeline.platform.TenantId;
import dev.ridgeline.platform.cli.CliSpring;

/** Do-not-call lists from the command line. */
@Command(name = "dnc", mixinStandardHelpOptions = true, description = "Do-not-call lists.",
        subcommands = {DncCommand.Import.class})
public class DncCommand {

    @Command(name = "import", mixinStandardHelpOptions = true, description = {
            "Import a National Do Not Call Registry download (telemarketing.donotcall.gov, one number per line) for a "
                    + "company. Numbers already there are kept; do it at least every 31 days."})
    static class Import implements Callable<Integer> {

        @Option(names = "--tenant", required = true, description = "The company id (Settings, Company)")
        String tenant;

        @Parameters(paramLabel = "FILE", description = "The registry file")
        Path file;

        @Override
        public Integer call() {
            TenantId id;
            try {
                id = new TenantId(UUID.fromString(tenant.strip()));
            } catch (IllegalArgumentException e) {
                System.err.println("--tenant: '" + tenant + "' is not a company id");
                return 2;
            }
            if (!Files.isRegularFile(file)) {
                System.err.println(file + ": no such file");
                return 1;
            }
            try (ConfigurableApplicationContext ctx = CliSpring.start();
                    var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                DoNotCall.Imported result = ctx.getBean(DoNotCall.class).importRegistry(id, reader);
                System.out.printf("%d numbers read, %d new on the list, %d not US numbers%n", result.read(),
                        result.stored(), result.invalid());
                result.problems().forEach(p -> System.err.println(file + ": " + p));
                return result.invalid() == 0 ? 0 : 1;
            } catch (NoSuchFileException e) {
                System.err.println(file + ": no such file");
                return 1;
            } catch (IOException e) {
                System.err.println(file + ": " + e.getMessage());
                return 1;
            }
        }
    }
}
