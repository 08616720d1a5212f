package dev.ridgeline.platform.cli;

import java.io.PrintStream;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar on the terminal for long CLI work; falls back to plain lines when output is not a terminal. */
public final class ConsoleProgress implements AutoCloseable {

    private final ProgressBar bar;

    private ConsoleProgress(ProgressBar bar) {
        this.bar = bar;
    }

    public static ConsoleProgress start(String task, long total, PrintStream out) {
        ProgressBar bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(out))
                .continuousUpdate()
                .build();
        return new ConsoleProgress(bar);
    }

    public void step() {
        bar.step();
    }

    /** Sets the count reached, for work whose total is not known in advance. */
    public void stepTo(long count) {
        bar.stepTo(count);
    }

    public void message(String message) {
        bar.setExtraMessage(message);
    }

    public void maxHint(long max) {
        bar.maxHint(max);
    }

    @Override
    public void close() {
        bar.close();
    }
}
