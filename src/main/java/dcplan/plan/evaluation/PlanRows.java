package dcplan.plan.evaluation;

import dcplan.model.LeadTimes;
import dcplan.model.Site;
import dcplan.plan.PlanTables;
import dcplan.plan.PlanTables.BuildRow;
import dcplan.plan.PlanTables.FacilityRow;
import dcplan.plan.PlanTables.FlowRow;
import dcplan.plan.PlanTables.ServerRow;
import dcplan.plan.PlanTables.UnmetRow;

import java.util.ArrayList;
import java.util.List;

/** The rows of the run folder's plan tables, from a plan read into {@link PlanArrays}. */
public final class PlanRows {
    private PlanRows() {
    }

    /** flows, servers, facility and builds from {@code a}; unmet as given ({@link Shortfalls#unmetRows}). */
    public static PlanTables tables(PlanArrays a, List<UnmetRow> unmet) {
        return new PlanTables(flows(a), servers(a), facility(a), unmet, builds(a));
    }

    /** Every aggregated flow {@code > 0}, with {@code flow_avg}, in (r, w, q, s, c) order. */
    static List<FlowRow> flows(PlanArrays a) {
        List<FlowRow> rows = new ArrayList<>();
        for (PlanArrays.Flow f : a.flows()) {
            if (f.peakIps() > 0) {
                PlanArrays.FlowKey k = f.key();
                rows.add(new FlowRow(k.region(), k.workload(), k.quarter(), k.site(), k.chip(), f.peakIps(), f.avgIps()));
            }
        }
        return rows;
    }

    /** Every (s, c, q) with servers installed: installed, added, the cash paid for them and when they were ordered. */
    static List<ServerRow> servers(PlanArrays a) {
        ModelIndex ix = a.index();
        List<ServerRow> rows = new ArrayList<>();
        for (int s = 0; s < ix.sites(); s++) {
            for (int c = 0; c < ix.chips(); c++) {
                for (int q = 0; q < ix.quarters(); q++) {
                    if (a.installed(s, c, q) > 0) {
                        rows.add(new ServerRow(ix.site(s).id(), ix.chip(c).id(), ix.quarter(q), a.installed(s, c, q),
                                a.added(s, c, q), CapexCash.serverCash(a, s, c, q),
                                LeadTimes.orderQuarter(ix.chip(c), ix.quarter(q))));
                    }
                }
            }
        }
        return rows;
    }

    /** Every (s, q): MW built, MW the servers draw and the cash paid for MW in q, construction included. */
    static List<FacilityRow> facility(PlanArrays a) {
        ModelIndex ix = a.index();
        List<FacilityRow> rows = new ArrayList<>();
        for (int s = 0; s < ix.sites(); s++) {
            double[] paid = CapexCash.facilityCashPaid(a, s);
            for (int q = 0; q < ix.quarters(); q++) {
                rows.add(new FacilityRow(ix.site(s).id(), ix.quarter(q), a.built(s, q), a.usedMw(s, q), paid[q]));
            }
        }
        return rows;
    }

    /**
     * Every facility increment {@code dM[s,q] != 0}, by site then ready quarter: construction
     * start ({@link LeadTimes#constructionStart}), ready quarter, MW and its whole cash cost.
     */
    static List<BuildRow> builds(PlanArrays a) {
        ModelIndex ix = a.index();
        List<BuildRow> rows = new ArrayList<>();
        for (int s = 0; s < ix.sites(); s++) {
            Site site = ix.site(s);
            for (int q = 0; q < ix.quarters(); q++) {
                double dm = a.addedMw(s, q);
                if (dm != 0) {
                    rows.add(new BuildRow(site.id(), LeadTimes.constructionStart(site, ix.quarter(q)), ix.quarter(q), dm,
                            CapexCash.facilityIncrementCash(a, s, q)));
                }
            }
        }
        return rows;
    }
}
