package dev.ridgeline.identity.cli;

import java.util.concurrent.Callable;

import dev.ridgeline.identity.CompanyProfile;
import dev.ridgeline.identity.IdentityService;
import dev.ridgeline.identity.NewUser;
import dev.ridgeline.identity.Tenant;
import dev.ridgeline.platform.InvalidInputException;
import dev.ridgeline.platform.PlatformProperties;
import dev.ridgeline.platform.Role;
import dev.ridgeline.platform.cli.CliSpring;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "tenant", mixinStandardHelpOptions = true, description = "Company (tenant) commands.",
        subcommands = TenantCommand.Create.class)
public class TenantCommand {

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a roofing company and its owner. The owner signs in with an emailed link.")
    static class Create implements Callable<Integer> {

        @Option(names = "--name", required = true, description = "Company name, as customers know it")
        String name;

        @Option(names = "--legal-name", description = "Legal name for email footers (default: --name)")
        String legalName;

        @Option(names = "--street", description = "Postal street address")
        String street;

        @Option(names = "--city")
        String city;

        @Option(names = "--state")
        String region;

        @Option(names = "--zip")
        String postalCode;

        @Option(names = "--time-zone", defaultValue = "America/Chicago", description = "IANA zone, default ${DEFAULT-VALUE}")
        String timeZone;

        @Option(names = "--owner-name", required = true)
        String ownerName;

        @Option(names = "--owner-email", required = true)
        String ownerEmail;

        @Option(names = "--owner-phone", description = "Mobile number, for SMS sign-in")
        String ownerPhone;

        @Override
        public Integer call() {
            try (var ctx = CliSpring.start()) {
                IdentityService identity = ctx.getBean(IdentityService.class);
                Tenant t = identity.createTenant(
                        new CompanyProfile(name, legalName, street, city, region, postalCode, null, null, timeZone),
                        new NewUser(ownerEmail, ownerName, ownerPhone, Role.OWNER), null);
                System.out.printf("Created %s (tenant %s).%n", t.name(), t.id());
                System.out.printf("%s can sign in at %s/login with an emailed link.%n", ownerEmail,
                        ctx.getBean(PlatformProperties.class).publicUrl());
                return 0;
            } catch (InvalidInputException e) {
                e.fieldErrors().forEach((field, message) -> System.err.printf("--%s: %s%n", option(field), message));
                return 2;
            }
        }

        private static String option(String field) {
            return switch (field) {
                case "email" -> "owner-email";
                case "name" -> "name";
                case "phone" -> "owner-phone";
                case "timeZone" -> "time-zone";
                case "postalCode" -> "zip";
                case "region" -> "state";
                default -> field;
            };
        }
    }
}
