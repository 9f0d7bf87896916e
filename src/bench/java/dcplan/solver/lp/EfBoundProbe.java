package dcplan.solver.lp;

import dcplan.hedge.HedgeGapBenchmark;
import dcplan.model.PlanningModel;
import dcplan.model.Quarter;

import java.util.List;
import java.util.Locale;

/**
 * Where the extensive-form MIP's gap lies on a hard instance's three futures (as
 * {@code bin/bench hedge-gap} makes them): the cost phase at the whole MIP's phase-1 served,
 * solved as an LP, with phases whole and servers continuous, with servers whole and phases
 * continuous, and whole. Usage: {@code EfBoundProbe FLAVOR SEED PHASE1_S RELAXED_S WHOLE_S}.
 */
public final class EfBoundProbe {
    private EfBoundProbe() {
    }

    public static void main(String[] args) {
        HardInstances.Flavor flavor = HardInstances.Flavor.parse(args[0]);
        long seed = Long.parseLong(args[1]);
        long phase1 = Long.parseLong(args[2]) * 1000;
        long relaxed = Long.parseLong(args[3]) * 1000;
        HardInstances.Instance in = HardInstances.generate(flavor, HardInstances.Size.parse("small"), seed, true);
        PlanningModel base = in.model();
        Quarter d = base.quarters().get(base.quarters().size() / 3);
        String chip = HedgeGapBenchmark.mostInstalledChip(base, in.demand());
        List<ExtensiveForm.Future> futures = List.of(
                new ExtensiveForm.Future(base, in.demand(), 0.5),
                new ExtensiveForm.Future(HardInstances.bannedEverywhere(base, chip, d), in.demand(), 0.3),
                new ExtensiveForm.Future(base, HedgeGapBenchmark.surged(in.demand(), d), 0.2));
        System.out.println(in.name() + ", ban " + chip + " from " + d);
        double gap1 = args.length > 5 ? Double.parseDouble(args[5]) : 1e-9;
        double[] lp = probeServed(futures, d, 0, false, false, -1, 1e-9);
        double[] pw = probeServed(futures, d, 0, true, true, phase1, 1e-9);
        double[] mip = probeServed(futures, d, 0, true, false, phase1, gap1);
        System.out.printf(Locale.ROOT, "served: LP %.6e; phases whole %.6e (bound %.6e, %d ms); MIP %.6e (bound %.6e, %d ms)%n",
                lp[0], pw[0], pw[1], (long) pw[2], mip[0], mip[1], (long) mip[2]);
        double target = mip[0];
        print("LP relaxation", probe(futures, d, 0, target, true, true, -1));
        if (relaxed > 0) {
            print("phases whole, servers continuous", probe(futures, d, 0, target, true, false, relaxed));
            print("servers whole, phases continuous", probe(futures, d, 0, target, false, true, relaxed));
        }
        for (String w : args[4].split(",")) {
            print("whole MIP " + w + " s", probe(futures, d, 0, target, false, false, Long.parseLong(w) * 1000));
        }
    }

    private static void print(String what, String[] r) {
        System.out.printf(Locale.ROOT, "%-36s bound %,.0f  plan %,.0f  %s ms  %s%n", what, Double.parseDouble(r[0]),
                Double.parseDouble(r[1]), r[2], r[3]);
    }

    /**
     * The cost phase at expected served of at least {@code expectedServedInferences}, built whole
     * (a MIP) and then with the servers ({@code relaxServers}) or the phases ({@code relaxPhases})
     * made continuous: a relaxation of the MIP either way; {@code [bound USD, plan USD or NaN,
     * millis]} and the solver's state. Here, not in the product: only this probe uses it.
     */
    static String[] probe(List<ExtensiveForm.Future> futures, Quarter decision, int reference, double expectedServedInferences,
                          boolean relaxServers, boolean relaxPhases, long millis) {
        ExtensiveForm ef = new ExtensiveForm(LpBackends.standard(), futures);
        double target = LpFormulation.servedUnits(expectedServedInferences);
        ExtensiveForm.Combined c = ef.build(true, LpFormulation.Goal.MIN_COST, decision, reference,
                target - Math.max(1e-9 * Math.abs(target), 1e-12));
        for (int k = 0; k < futures.size(); k++) {
            if (relaxServers) {
                for (int j : PhasesFirst.serverColumns(c.built().get(k))) {
                    c.lm().relax(c.offsets()[k] + j);
                }
            }
            if (relaxPhases) {
                for (int j : PhasesFirst.phaseColumns(c.built().get(k))) {
                    c.lm().relax(c.offsets()[k] + j);
                }
            }
        }
        boolean integer = c.lm().anyInteger();
        Phase p = Phase.run(ef.backends, c.lm(), integer, false, millis, 1e-4);
        double constant = ef.constantCostUsd(c);
        double bound = integer ? p.result().bestBound() : p.status() == LpStatus.OPTIMAL ? p.result().objectiveValue() : Double.NaN;
        double plan = p.ok() ? p.result().objectiveValue() * LpFormulation.MONEY_UNIT_USD + constant : Double.NaN;
        return new String[] {String.valueOf(bound * LpFormulation.MONEY_UNIT_USD + constant), String.valueOf(plan),
                String.valueOf(p.result().millis()), p.status() + " " + p.state()};
    }

    /** The expected served (inferences) of the extensive form's phase 1, whole or relaxed, within {@code millis}. */
    static double[] probeServed(List<ExtensiveForm.Future> futures, Quarter decision, int reference, boolean integer, boolean relaxServers,
                                long millis, double gap) {
        ExtensiveForm ef = new ExtensiveForm(LpBackends.standard(), futures);
        ExtensiveForm.Combined c = ef.build(integer, LpFormulation.Goal.MAX_SERVED, decision, reference, Double.NaN);
        if (relaxServers) {
            for (int k = 0; k < futures.size(); k++) {
                for (int j : PhasesFirst.serverColumns(c.built().get(k))) {
                    c.lm().relax(c.offsets()[k] + j);
                }
            }
        }
        Phase p = Phase.run(ef.backends, c.lm(), integer, true, millis, gap);
        return new double[] {p.ok() ? LpFormulation.inferences(p.result().objectiveValue()) : Double.NaN,
                LpFormulation.inferences(p.result().bestBound()), p.result().millis()};
    }
}
