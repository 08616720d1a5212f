package dev.ridgeline;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.springframework.boot.SpringApplication;

import dev.ridgeline.demo.cli.DemoCommand;
import dev.ridgeline.identity.cli.TenantCommand;
import dev.ridgeline.identity.cli.UserCommand;
import dev.ridgeline.platform.cli.CliSpring;
import dev.ridgeline.platform.cli.DbCommand;
import dev.ridgeline.platform.cli.KeysCommand;
import dev.ridgeline.insight.cli.InsightCommand;
import dev.ridgeline.outreach.cli.EmailCommand;
import dev.ridgeline.outreach.cli.DncCommand;
import dev.ridgeline.outreach.cli.SmsCommand;
import dev.ridgeline.signals.cli.ImportCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/** The command line of the one jar. With no command it serves the web app. */
@Command(name = "ridgeline", mixinStandardHelpOptions = true, versionProvider = RidgelineCli.Version.class,
        description = "Ridgeline: storm data to signed roofing jobs. With no command, serves the web app.",
        subcommands = {RidgelineCli.Serve.class, TenantCommand.class, UserCommand.class, ImportCommand.class,
                KeysCommand.class, DbCommand.class, DemoCommand.class, InsightCommand.class, EmailCommand.class,
                SmsCommand.class, DncCommand.class, dev.ridgeline.roof.cli.RoofCommand.class,
                CommandLine.HelpCommand.class})
public class RidgelineCli implements Callable<Integer> {

    /** Returned by {@code serve}: the web server keeps the JVM alive, so main must not exit. */
    public static final int KEEP_RUNNING = Integer.MIN_VALUE;

    public static int run(String[] args) {
        CliSpring.use(RidgelineApplication.class);
        String[] effective = args.length == 0 || args[0].startsWith("--") && !isHelpOrVersion(args[0])
                ? prepend("serve", args) : args;
        return new CommandLine(new RidgelineCli()).execute(effective);
    }

    @Override
    public Integer call() {
        return new Serve().call();
    }

    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = "Start the web app (the default). Spring options pass through, e.g. --server.port=9090.")
    static class Serve implements Callable<Integer> {

        @Option(names = "--port", description = "HTTP port (default 8080, or $PORT)")
        Integer port;

        @Unmatched
        List<String> springArgs = new ArrayList<>();

        @Override
        public Integer call() {
            List<String> args = new ArrayList<>(springArgs);
            if (port != null) {
                args.add("--server.port=" + port);
            }
            SpringApplication.run(RidgelineApplication.class, args.toArray(String[]::new));
            return KEEP_RUNNING;
        }
    }

    static class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = RidgelineCli.class.getPackage().getImplementationVersion();
            return new String[] {"Ridgeline " + (v == null ? "development build" : v)};
        }
    }

    private static boolean isHelpOrVersion(String arg) {
        return arg.equals("--help") || arg.equals("--version");
    }

    private static String[] prepend(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
