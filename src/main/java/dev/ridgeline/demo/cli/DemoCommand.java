package dev.ridgeline.demo.cli;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;

import dev.ridgeline.demo.DemoRegion;
import dev.ridgeline.identity.CompanyProfile;
import dev.ridgeline.identity.IdentityService;
import dev.ridgeline.identity.NewUser;
import dev.ridgeline.identity.Tenant;
import dev.ridgeline.insight.AnalysisPass;
import dev.ridgeline.insight.InsightService;
import dev.ridgeline.platform.PlatformProperties;
import dev.ridgeline.platform.Role;
import dev.ridgeline.platform.cli.CliSpring;
import dev.ridgeline.property.PropertyService;
import dev.ridgeline.signals.ImportSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true, description = "The demo region.",
        subcommands = DemoCommand.Load.class)
public class DemoCommand {

    static final String DEMO_COMPANY = "Demo Roofing Co.";
    static final String DEMO_OWNER = "owner@demo-roofing.example";

    @Command(name = "load", mixinStandardHelpOptions = true, description = {
            "Load the demo region (real NOAA storm reports, OpenStreetMap footprints of Reynoldstown, Atlanta, "
                    + "Nashville permits, 240 fictitious homeowners) into a company.",
            "Without --tenant: into the only company, or into a new company '" + DEMO_COMPANY + "' on an empty "
                    + "install, whose owner's password is printed once. Loading twice changes nothing."})
    static class Load implements Callable<Integer> {

        @Option(names = "--tenant", description = "Company name or id")
        String tenant;

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext ctx = CliSpring.start()) {
                IdentityService identity = ctx.getBean(IdentityService.class);
                Tenant company = identity.resolveTenant(tenant).orElse(null);
                if (company == null && tenant == null && identity.needsSetup()) {
                    String password = password();
                    company = identity.createTenant(new CompanyProfile(DEMO_COMPANY, null, null, "Atlanta", "GA", "30316",
                            null, null, "America/New_York"), new NewUser(DEMO_OWNER, "Demo Owner", null, Role.OWNER),
                            password);
                    System.out.printf("Created %s Sign in at %s/login as %s with the password %s%n", DEMO_COMPANY,
                            ctx.getBean(PlatformProperties.class).publicUrl(), DEMO_OWNER, password);
                }
                if (company == null) {
                    System.err.println(tenant == null ? "--tenant: this install has several companies; name one"
                            : "--tenant: no company named or with id '" + tenant + "'");
                    return 2;
                }
                boolean ok = true;
                for (ImportSummary s : ctx.getBean(DemoRegion.class).load(company.id(), null, Load::print)) {
                    ok &= s.fileRead();
                }
                // The app does these two by itself after imports; a command line run has no background work.
                long homes = ctx.getBean(PropertyService.class).addHomesFromPermits(company.id());
                AnalysisPass pass = ctx.getBean(InsightService.class).analyse(company.id(), null);
                System.out.printf("  %d homes from permit addresses; %d homes scored as of %s%n", homes, pass.homes(),
                        pass.asOf());
                return ok ? 0 : 1;
            }
        }

        private static void print(DemoRegion.DemoFile f, ImportSummary s) {
            System.out.printf("  %-30s read %6d, stored %6d, unchanged %6d, rejected %3d%n", f.resource(), s.read(),
                    s.stored(), s.unchanged(), s.rejected());
        }

        private static String password() {
            byte[] b = new byte[12];
            new SecureRandom().nextBytes(b);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        }
    }
}
