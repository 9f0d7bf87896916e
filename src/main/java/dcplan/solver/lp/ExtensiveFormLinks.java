package dcplan.solver.lp;

import dcplan.model.Chip;
import dcplan.model.PlanningModel;
import dcplan.model.Quarter;
import dcplan.model.Site;

import java.util.List;

/**
 * The rows that make an extensive form a hedge (contract version 2, "Hedged plans"): each
 * future's commitments before the decision quarter D equal the reference future's, as
 * {@link dcplan.plan.Commitments#of} reads them under that future's lead times:
 * {@code added[s,c,q]} for q &lt; D + L_c and {@code dM[s,q]} for q &lt; D + L_s. Sites and chips
 * are matched by id; a level that is no variable in one future (an inactive pair, a site whose
 * M stays at existing) enters as its constant.
 */
final class ExtensiveFormLinks {
    private final LinearModel lm;
    private final List<LpFormulation.Built> built;
    private final int[] offsets;
    private final List<LpVariables> vars;

    ExtensiveFormLinks(LinearModel lm, List<LpFormulation.Built> built, int[] offsets, List<LpVariables> vars) {
        this.lm = lm;
        this.built = built;
        this.offsets = offsets;
        this.vars = vars;
    }

    /** Links every future to future {@code ref}; returns the number of rows added. */
    int addTo(int ref, Quarter decision) {
        int rows = 0;
        for (int k = 0; k < vars.size(); k++) {
            if (k != ref) {
                rows += link(k, ref, vars.get(0).quarters.indexOf(decision));
            }
        }
        return rows;
    }

    private int link(int k, int ref, int d) {
        PlanningModel mk = vars.get(k).model;
        PlanningModel mr = vars.get(ref).model;
        int rows = 0;
        for (int s = 0; s < mk.sites().size(); s++) {
            Site site = mk.sites().get(s);
            int sr = mr.sites().indexOf(mr.site(site.id()).orElse(null));
            if (sr < 0) {
                continue;
            }
            for (int c = 0; c < mk.chips().size(); c++) {
                Chip chip = mk.chips().get(c);
                int cr = mr.chips().indexOf(mr.chip(chip.id()).orElse(null));
                for (int q = 0; cr >= 0 && q < vars.get(k).quarters.size() && q < d + chip.orderLeadQuarters(); q++) {
                    LinearModel.Row row = new LinearModel.Row("link_I_" + k + "_" + site.id() + "_" + chip.id() + "_" + q);
                    double rhs = -servers(row, k, s, c, q, 1.0) - servers(row, ref, sr, cr, q, -1.0);
                    rows += add(row, rhs);
                }
            }
            for (int q = 0; q < vars.get(k).quarters.size() && q < d + site.buildQuarters(); q++) {
                LinearModel.Row row = new LinearModel.Row("link_M_" + k + "_" + site.id() + "_" + q);
                double rhs = -mw(row, k, s, q, 1.0) - mw(row, ref, sr, q, -1.0);
                rows += add(row, rhs);
            }
        }
        return rows;
    }

    /** {@code row = rhs} when it has a variable; a row of constants is equal by construction or not at all. */
    private int add(LinearModel.Row row, double rhs) {
        if (row.size == 0) {
            return 0;
        }
        lm.addRow(row.lower(rhs).upper(rhs));
        return 1;
    }

    /** Writes {@code sign * added[s,c,q]} of future k into the row; returns its constant part. */
    private double servers(LinearModel.Row row, int k, int s, int c, int q, double sign) {
        int[] cols = built.get(k).inst[s][c];
        double existing = vars.get(k).site(s).existingServers(vars.get(k).chip(c).id());
        if (cols == null) {
            return 0; // I stays at existing: nothing added
        }
        row.set(offsets[k] + cols[q], sign);
        if (q == 0) {
            return -sign * existing;
        }
        row.set(offsets[k] + cols[q - 1], -sign);
        return 0;
    }

    /** Writes {@code sign * dM[s,q]} of future k into the row; returns its constant part. */
    private double mw(LinearModel.Row row, int k, int s, int q, double sign) {
        int[] cols = built.get(k).mw[s];
        if (cols == null) {
            return 0; // M stays at existing: nothing built
        }
        row.set(offsets[k] + cols[q], sign);
        if (q == 0) {
            return -sign * vars.get(k).site(s).existingItMw();
        }
        row.set(offsets[k] + cols[q - 1], -sign);
        return 0;
    }
}
