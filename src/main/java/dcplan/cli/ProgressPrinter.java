package dcplan.cli;

import dcplan.solver.ScoreReading;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;

import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Shows solve progress on the console at most twice a second: elapsed time, best score, cost
 * per million inferences and unmet demand. The solver thread only records the newest best score;
 * a timer thread prints, so printing never slows the search.
 */
final class ProgressPrinter implements Consumer<HardMediumSoftLongScore>, AutoCloseable {
    private final PrintStream out;
    private final ScoreReading reading;
    private final long start = System.nanoTime();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "dcplan-progress");
        t.setDaemon(true);
        return t;
    });
    private volatile HardMediumSoftLongScore latest;
    private HardMediumSoftLongScore printed;
    private final StringBuilder log;

    ProgressPrinter(PrintStream out, ScoreReading reading, StringBuilder log) {
        this.out = out;
        this.reading = reading;
        this.log = log;
        timer.scheduleAtFixedRate(this::print, 500, 500, TimeUnit.MILLISECONDS);
    }

    @Override
    public void accept(HardMediumSoftLongScore score) {
        latest = score;
    }

    private synchronized void print() {
        HardMediumSoftLongScore score = latest;
        if (score == null || score.equals(printed)) {
            return;
        }
        printed = score;
        String line = String.format("%7.1fs  best %s  %s USD/M inferences  unmet %.3f%%%s",
                (System.nanoTime() - start) / 1e9, score, Format.usd(reading.usdPerMillion(score), 4),
                100 * reading.unmetShare(score), score.hardScore() < 0 ? "  (hard limits still broken)" : "");
        out.println(line);
        log.append(line).append('\n');
    }

    @Override
    public void close() {
        timer.shutdownNow();
        print();
    }
}
