package dcplan.hedge;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The statistics the candidate commitments are made of. */
class CommitmentCandidatesTest {
    static final List<CommitmentCandidates.Weighted> VALUES = List.of(new CommitmentCandidates.Weighted(4, 0.25),
            new CommitmentCandidates.Weighted(0, 0.5), new CommitmentCandidates.Weighted(10, 0.25));

    @Test
    void theMeanIsProbabilityWeighted() {
        assertEquals(3.5, CommitmentCandidates.mean(VALUES), 1e-12);
    }

    @Test
    void aQuantileIsTheSmallestValueWhoseCumulativeProbabilityReachesIt() {
        assertEquals(0, CommitmentCandidates.quantile(VALUES, 0.5));
        assertEquals(4, CommitmentCandidates.quantile(VALUES, 0.75));
        assertEquals(10, CommitmentCandidates.quantile(VALUES, 0.9));
        assertEquals(10, CommitmentCandidates.quantile(VALUES, 1.0));
    }
}
