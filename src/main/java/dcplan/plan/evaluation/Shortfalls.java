package dcplan.plan.evaluation;

import dcplan.model.DemandCell;
import dcplan.model.Quarter;
import dcplan.plan.Evaluation.BindingLimit;
import dcplan.plan.Evaluation.CellResult;
import dcplan.plan.Evaluation.RegionResult;
import dcplan.plan.Evaluation.YearCapex;
import dcplan.plan.PlanTables.UnmetRow;
import dcplan.plan.Sizing;
import dcplan.plan.evaluation.ModelIndex.CellKey;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What each demand cell and region is served and left unmet, and when short, why. Unmet
 * volumes are exact ({@code max(0, peak - served)}); only the "short" flag uses a tolerance
 * ({@link Sizing#SHORT_SHARE}).
 */
public final class Shortfalls {
    private final List<CellResult> cells = new ArrayList<>();
    private final List<RegionResult> regions = new ArrayList<>();
    private final List<UnmetRow> unmetRows = new ArrayList<>();
    private final List<BindingLimit> noEligibleSite = new ArrayList<>();
    private double unmetTotal;

    private Shortfalls() {
    }

    /** Every demand cell of the index, in demand order, and every region, in model order. */
    public static Shortfalls of(PlanArrays a, List<YearCapex> capexByYear) {
        ModelIndex ix = a.index();
        Map<Integer, YearCapex> yearCapex = new HashMap<>();
        for (YearCapex y : capexByYear) {
            yearCapex.put(y.year(), y);
        }
        Shortfalls out = new Shortfalls();
        double[] unmetByRegion = new double[ix.regions()];
        boolean[] regionShort = new boolean[ix.regions()];
        List<Set<String>> reasonsByRegion = new ArrayList<>();
        for (int r = 0; r < ix.regions(); r++) {
            reasonsByRegion.add(new LinkedHashSet<>());
        }
        for (DemandCell d : ix.demand()) {
            CellResult cell = out.cell(d, a, yearCapex.get(d.quarter().year()));
            out.unmetTotal += cell.unmetInferences();
            int r = ix.regionIndex(d.region());
            unmetByRegion[r] += cell.unmetInferences();
            if (cell.isShort()) {
                regionShort[r] = true;
                for (String why : cell.reasons()) {
                    reasonsByRegion.get(r).add(d.workload() + " " + d.quarter() + ": " + why);
                }
            }
        }
        out.unmetRows.sort(Comparator.comparing(UnmetRow::region).thenComparing(UnmetRow::workload)
                .thenComparing(UnmetRow::quarter));
        for (int r = 0; r < ix.regions(); r++) {
            out.regions.add(new RegionResult(ix.region(r).id(), regionShort[r], a.servedInRegion(r),
                    unmetByRegion[r], new ArrayList<>(reasonsByRegion.get(r))));
        }
        return out;
    }

    /** One cell: served, unmet, and, when short, why (recording its row of unmet.csv). */
    private CellResult cell(DemandCell d, PlanArrays a, YearCapex year) {
        double served = a.servedPeak().getOrDefault(new CellKey(d.region(), d.workload(), d.quarter()), 0.0);
        double unmetPeak = Math.max(0.0, d.peakIps() - served);
        double unmetInf = unmetPeak * d.avgPerPeak() * Quarter.SECONDS;
        double servedInf = served * d.avgPerPeak() * Quarter.SECONDS;
        // "short" means materially short: more than a millionth of the cell's peak unmet.
        // LP solutions leave round-off of about 1e-9 behind; unmet.csv keeps it exactly.
        boolean isShort = d.peakIps() - served > Sizing.SHORT_SHARE * d.peakIps();
        List<String> reasons = List.of();
        if (isShort) {
            BindingLimits.WhyShort why = BindingLimits.whyShort(d, a, year);
            reasons = why.reasons();
            if (why.noEligibleSite() != null) {
                noEligibleSite.add(why.noEligibleSite());
            }
        }
        if (unmetPeak > 0) {
            unmetRows.add(new UnmetRow(d.region(), d.workload(), d.quarter(), unmetPeak, unmetInf));
        }
        CellResult cell = new CellResult(d.region(), d.workload(), d.quarter(), d.peakIps(), d.avgIps(), served,
                unmetPeak, servedInf, unmetInf, isShort, reasons);
        cells.add(cell);
        return cell;
    }

    /** One result per demand cell, in demand order. */
    public List<CellResult> cells() {
        return Collections.unmodifiableList(cells);
    }

    /** One result per region, in model order. */
    public List<RegionResult> regions() {
        return Collections.unmodifiableList(regions);
    }

    /** The rows of unmet.csv: cells with unmet peak {@code > 0}, by region, workload, quarter. */
    public List<UnmetRow> unmetRows() {
        return Collections.unmodifiableList(unmetRows);
    }

    /** A {@code no_eligible_site} binding limit per short cell that no (site, chip) may serve. */
    public List<BindingLimit> noEligibleSite() {
        return Collections.unmodifiableList(noEligibleSite);
    }

    /** Unmet inferences over every cell. */
    public double unmetTotal() {
        return unmetTotal;
    }
}
