package dcplan.plan.evaluation;

import dcplan.model.Chip;
import dcplan.model.Quarter;
import dcplan.model.Region;
import dcplan.model.Site;
import dcplan.plan.Evaluation;
import dcplan.plan.Evaluation.RegionSourcing;
import dcplan.plan.Evaluation.SourcingRow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where each region is served from ({@link Evaluation.Sourcing}): the flows summed over workloads
 * per (region, quarter, site, chip), in inferences and busy servers, and per region and quarter
 * the shares served across borders (the site's country is not one of the region's countries)
 * and by each chip family ({@link #DOMESTIC} when {@code Chip.domestic}, else {@link #IMPORTED}).
 * Shares are of the region's quarter (or horizon); both measures are given because they differ by
 * the workload mix: an LLM inference keeps a server busy about a thousand times longer than an
 * embedding.
 */
public final class ServedFrom {
    public static final String DOMESTIC = "domestic";
    public static final String IMPORTED = "imported";

    private ServedFrom() {
    }

    /** The sourcing of the plan read into {@code a}. */
    public static Evaluation.Sourcing of(PlanArrays a) {
        ModelIndex ix = a.index();
        // [r][q][s][c]: inferences and busy servers
        double[][][][] inferences = new double[ix.regions()][ix.quarters()][ix.sites()][ix.chips()];
        double[][][][] busy = new double[ix.regions()][ix.quarters()][ix.sites()][ix.chips()];
        for (PlanArrays.Flow f : a.flows()) {
            inferences[f.r()][f.q()][f.s()][f.c()] += f.inferences();
            busy[f.r()][f.q()][f.s()][f.c()] += f.busyServers(ix);
        }
        List<SourcingRow> rows = new ArrayList<>();
        List<RegionSourcing> quarters = new ArrayList<>();
        List<RegionSourcing> horizon = new ArrayList<>();
        for (int r = 0; r < ix.regions(); r++) {
            Share regionTotal = new Share();
            for (int q = 0; q < ix.quarters(); q++) {
                Share quarter = new Share();
                for (int s = 0; s < ix.sites(); s++) {
                    for (int c = 0; c < ix.chips(); c++) {
                        quarter.add(ix.region(r), ix.site(s), ix.chip(c), inferences[r][q][s][c], busy[r][q][s][c]);
                    }
                }
                if (quarter.inferences > 0 || quarter.busy > 0) {
                    rows.addAll(rows(ix, r, q, inferences[r][q], busy[r][q], quarter));
                    quarters.add(quarter.of(ix.region(r).id(), ix.quarter(q)));
                    regionTotal.add(quarter);
                }
            }
            if (regionTotal.inferences > 0 || regionTotal.busy > 0) {
                horizon.add(regionTotal.of(ix.region(r).id(), null));
            }
        }
        List<RegionSourcing> regions = new ArrayList<>(quarters);
        regions.addAll(horizon);
        return new Evaluation.Sourcing(rows, regions);
    }

    /** Whether serving region r from site s crosses a border. */
    public static boolean crossBorder(Region r, Site s) {
        return !r.countries().contains(s.country());
    }

    public static String family(Chip c) {
        return c.domestic() ? DOMESTIC : IMPORTED;
    }

    /** The (site, chip) rows of one region and quarter that serve something, in site then chip id order. */
    private static List<SourcingRow> rows(ModelIndex ix, int r, int q, double[][] inferences, double[][] busy, Share total) {
        Map<String, SourcingRow> sorted = new TreeMap<>();
        for (int s = 0; s < ix.sites(); s++) {
            for (int c = 0; c < ix.chips(); c++) {
                if (inferences[s][c] > 0 || busy[s][c] > 0) {
                    Site site = ix.site(s);
                    Chip chip = ix.chip(c);
                    sorted.put(site.id() + "\u0000" + chip.id(), new SourcingRow(ix.region(r).id(), ix.quarter(q),
                            site.id(), chip.id(), site.country(), crossBorder(ix.region(r), site), family(chip),
                            inferences[s][c], busy[s][c], share(inferences[s][c], total.inferences),
                            share(busy[s][c], total.busy)));
                }
            }
        }
        return new ArrayList<>(sorted.values());
    }

    static double share(double part, double whole) {
        return whole > 0 ? part / whole : 0.0;
    }

    /** Volumes of a region's quarter or horizon: in total, across borders and by chip family. */
    private static final class Share {
        double inferences;
        double busy;
        double crossInferences;
        double crossBusy;
        final Map<String, double[]> family = new LinkedHashMap<>(); // family -> {inferences, busy}

        Share() {
            family.put(DOMESTIC, new double[2]);
            family.put(IMPORTED, new double[2]);
        }

        void add(Region r, Site s, Chip c, double inf, double b) {
            inferences += inf;
            busy += b;
            if (crossBorder(r, s)) {
                crossInferences += inf;
                crossBusy += b;
            }
            family.get(family(c))[0] += inf;
            family.get(family(c))[1] += b;
        }

        void add(Share o) {
            inferences += o.inferences;
            busy += o.busy;
            crossInferences += o.crossInferences;
            crossBusy += o.crossBusy;
            o.family.forEach((k, v) -> {
                family.get(k)[0] += v[0];
                family.get(k)[1] += v[1];
            });
        }

        RegionSourcing of(String region, Quarter quarter) {
            Map<String, Double> ofInferences = new LinkedHashMap<>();
            Map<String, Double> ofBusy = new LinkedHashMap<>();
            family.forEach((k, v) -> {
                ofInferences.put(k, share(v[0], inferences));
                ofBusy.put(k, share(v[1], busy));
            });
            return new RegionSourcing(region, quarter, inferences, busy, share(crossInferences, inferences),
                    share(crossBusy, busy), ofInferences, ofBusy);
        }
    }
}
