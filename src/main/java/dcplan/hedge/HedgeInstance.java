package dcplan.hedge;

import dcplan.model.Quarter;

import java.util.List;

/**
 * What a hedge solves: the futures, the decision quarter D (commitments before D are shared) and
 * which future is central (its own plan's commitments are what VSS compares against).
 */
public record HedgeInstance(List<HedgeCase> cases, Quarter decisionQuarter, int central) {

    public HedgeInstance {
        cases = List.copyOf(cases);
        if (central < 0 || central >= cases.size()) {
            throw new IllegalArgumentException("central " + central + " is not one of " + cases.size() + " futures");
        }
    }

    public HedgeCase centralCase() {
        return cases.get(central);
    }
}
