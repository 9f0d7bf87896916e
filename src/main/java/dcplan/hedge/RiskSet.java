package dcplan.hedge;

import dcplan.model.Quarter;

import java.nio.file.Path;
import java.util.List;

/**
 * A risk file (models/risks/*.yaml): the futures a hedged plan must hold up across, with their
 * probabilities, and the decision quarter D before which every future shares its commitments
 * (contract version 2, "Hedged plans").
 *
 * @param name             the risk file's name (its file name without .yaml unless it says otherwise)
 * @param file             where it was read from (errors name it)
 * @param decisionQuarter  D: commitments made before D are shared by every future
 * @param central          the member whose own plan VSS keeps (the one marked central, else the first)
 * @param members          the futures listed in the file, in file order
 * @param monteCarlo       demand samples of the roll-up drawn as further futures with equal
 *                         probabilities; null when the file lists its futures only
 */
public record RiskSet(String name, Path file, Quarter decisionQuarter, String central, List<Member> members,
                      MonteCarlo monteCarlo) {

    public RiskSet {
        members = List.copyOf(members);
    }

    /**
     * One listed future.
     *
     * @param scenarioFile a scenario file (models/scenarios/*.yaml), resolved against the risk
     *                     file's folder; null for the base model
     */
    public record Member(String name, Path scenarioFile, double probability) {
    }

    /** N demand samples of the roll-up (sweep's demand distribution), each with probability 1/N. */
    public record MonteCarlo(int samples, long seed) {
    }
}
