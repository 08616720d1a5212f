package dev.ridgeline.platform.cli;

import java.util.concurrent.Callable;

import dev.ridgeline.platform.internal.crypto.KeyRotation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "keys", mixinStandardHelpOptions = true, description = "Encryption key commands.",
        subcommands = KeysCommand.Rotate.class)
public class KeysCommand {

    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = {"Make a new data key, re-encrypt every stored secret under it and drop the old key.",
                    "With --master-key, also seal the keyset under a new master key."})
    static class Rotate implements Callable<Integer> {

        @Option(names = "--master-key", description = "Also rotate the master key (written to the key file, or "
                + "printed once when RIDGELINE_MASTER_KEY is used).")
        boolean masterKey;

        @Override
        public Integer call() {
            try (var ctx = CliSpring.start()) {
                KeyRotation rotation = ctx.getBean(KeyRotation.class);
                ProgressAdapter progress = new ProgressAdapter();
                KeyRotation.Result result;
                try {
                    result = rotation.rotate(masterKey, progress);
                } finally {
                    progress.close();
                }
                System.out.printf("Re-encrypted %d secret(s) under a new data key (key id %d replaced by %d).%n",
                        result.reEncrypted(), result.oldPrimaryKeyId(), result.newPrimaryKeyId());
                if (result.masterKeyRotated() && result.newMasterKeyToSet() != null) {
                    System.out.println("The master key was rotated. Set this value as RIDGELINE_MASTER_KEY before the "
                            + "next start (it is shown only now):");
                    System.out.println(result.newMasterKeyToSet());
                } else if (result.masterKeyRotated()) {
                    System.out.println("The master key was rotated and the key file replaced.");
                }
                return 0;
            }
        }
    }

    private static final class ProgressAdapter implements KeyRotation.Progress {

        private ConsoleProgress bar;

        @Override
        public void step(String description, long total) {
            close();
            bar = ConsoleProgress.start("Re-encrypting " + description, total, System.out);
        }

        @Override
        public void tick() {
            if (bar != null) {
                bar.step();
            }
        }

        void close() {
            if (bar != null) {
                bar.close();
                bar = null;
            }
        }
    }
}
