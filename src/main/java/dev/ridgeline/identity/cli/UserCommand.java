package dev.ridgeline.identity.cli;

import java.util.Optional;
import java.util.concurrent.Callable;

import dev.ridgeline.identity.IdentityService;
import dev.ridgeline.identity.NewUser;
import dev.ridgeline.identity.Tenant;
import dev.ridgeline.identity.User;
import dev.ridgeline.platform.InvalidInputException;
import dev.ridgeline.platform.Role;
import dev.ridgeline.platform.cli.CliSpring;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "user", mixinStandardHelpOptions = true, description = "User commands.",
        subcommands = UserCommand.Add.class)
public class UserCommand {

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Invite a user to a company: the invitation is emailed through the company's email provider.")
    static class Add implements Callable<Integer> {

        @Option(names = "--tenant", required = true, description = "Company name or tenant id")
        String tenant;

        @Option(names = "--email", required = true)
        String email;

        @Option(names = "--name", required = true)
        String name;

        @Option(names = "--phone", description = "Mobile number, for SMS sign-in")
        String phone;

        @Option(names = "--role", defaultValue = "rep", description = "owner, manager or rep (default ${DEFAULT-VALUE})")
        String role;

        @Override
        public Integer call() {
            Role parsedRole;
            try {
                parsedRole = Role.parse(role);
            } catch (IllegalArgumentException e) {
                System.err.println("--role: " + e.getMessage());
                return 2;
            }
            try (var ctx = CliSpring.start()) {
                IdentityService identity = ctx.getBean(IdentityService.class);
                Optional<Tenant> company = identity.resolveTenant(tenant);
                if (company.isEmpty()) {
                    System.err.println("--tenant: no company named or with id '" + tenant + "'");
                    return 2;
                }
                User u = identity.addUser(company.get().id(), new NewUser(email, name, phone, parsedRole));
                System.out.printf("Invited %s <%s> as %s of %s (user %s).%n", u.name(), u.email(), u.role().label(),
                        company.get().name(), u.id());
                return 0;
            } catch (InvalidInputException e) {
                e.fieldErrors().forEach((field, message) -> System.err.printf("--%s: %s%n", field, message));
                return 2;
            }
        }
    }
}
