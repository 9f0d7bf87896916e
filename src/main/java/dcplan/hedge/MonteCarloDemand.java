package dcplan.hedge;

import dcplan.forecast.AggregateJob;
import dcplan.model.InputException;
import dcplan.model.PlanningModel;
import dcplan.sweep.DemandDistribution;
import dcplan.sweep.SweepInputs;
import dcplan.sweep.SweepJob;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * The distribution a {@code monte_carlo} risk file draws from: the roll-up's monthly stats over
 * the base model's horizon at its policy's rho, from the folder {@code dcplan aggregate --out}
 * wrote ({@code --demand DIR}), or from the forecasts rolled up first into a private temporary
 * folder ({@code --forecasts PATH}). A plain demand table has no spread: refused, naming the risk
 * file and the key.
 */
public final class MonteCarloDemand {
    private MonteCarloDemand() {
    }

    /** {@code spark} is asked for a session only when one is needed (stats as Parquet only, or forecasts to roll up). */
    public static DemandDistribution distribution(Supplier<SparkSession> spark, RiskSet risk, PlanningModel base,
                                                  String demand, String forecasts) {
        MonteCarloFutures.check(risk); // the file's own mistakes first, before any roll-up
        String stats = demand != null ? fromRollUp(spark, risk, demand) : fromForecasts(spark, base, forecasts);
        return DemandDistribution.of(DemandDistribution.parseStatsCsv(stats, "demand_stats"), base.policy().rho(),
                base.quarters());
    }

    private static String fromRollUp(Supplier<SparkSession> spark, RiskSet risk, String demand) {
        Path folder = Path.of(demand);
        Path csv = folder.resolve(AggregateJob.STATS_CSV);
        if (Files.isRegularFile(csv)) {
            try {
                return Files.readString(csv);
            } catch (IOException e) {
                throw new InputException(csv + ": cannot read (" + e.getMessage() + ")");
            }
        }
        if (!Files.exists(folder.resolve(AggregateJob.STATS_PARQUET))) {
            throw new InputException(risk.file() + ": risk.monte_carlo draws from the roll-up's spread: pass the folder "
                    + "written by 'dcplan aggregate --out DIR' as --demand DIR (it has demand_stats), or --forecasts PATH; "
                    + demand + " has none");
        }
        return SweepJob.statsCsv(spark.get(), demand);
    }

    private static String fromForecasts(Supplier<SparkSession> spark, PlanningModel base, String forecasts) {
        return SweepInputs.inTempFolder(dir -> {
            String out = dir.resolve("roll-up").toString();
            AggregateJob.run(spark.get(), forecasts, base, base.policy().planningQuantile(), base.policy().rho(), out);
            return Files.readString(Path.of(out, AggregateJob.STATS_CSV));
        });
    }
}
