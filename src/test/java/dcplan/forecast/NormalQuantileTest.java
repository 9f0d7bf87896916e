package dcplan.forecast;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class NormalQuantileTest {

    @Test
    void knownQuantilesToTheLastDigits() {
        // Reference values: R's qnorm (same algorithm, AS 241) and published tables.
        assertEquals(1.2815515655446004, NormalQuantile.z(0.9), 1e-15);
        assertEquals(0.0, NormalQuantile.z(0.5), 0.0);
        assertEquals(1.959963984540054, NormalQuantile.z(0.975), 1e-15);
        assertEquals(2.3263478740408408, NormalQuantile.z(0.99), 1e-15);
        assertEquals(-1.6448536269514722, NormalQuantile.z(0.05), 1e-15);
        assertEquals(3.090232306167813, NormalQuantile.z(0.999), 1e-14);
        // Tails use the other two rational approximations (r > 5 beyond about 1e-11).
        assertEquals(-4.753424308822899, NormalQuantile.z(1e-6), 1e-13);
        assertEquals(-7.941345326170997, NormalQuantile.z(1e-15), 1e-13);
    }

    @Test
    void symmetric() {
        for (double p : new double[]{0.01, 0.1, 0.3, 0.45, 0.6, 0.8, 0.95, 0.9999}) {
            assertEquals(-NormalQuantile.z(p), NormalQuantile.z(1 - p), 1e-12, "p=" + p);
        }
    }

    @Test
    void agreesWithCommonsMath() {
        org.apache.commons.math3.distribution.NormalDistribution n =
                new org.apache.commons.math3.distribution.NormalDistribution();
        for (double p = 0.001; p < 1; p += 0.0137) {
            assertEquals(n.inverseCumulativeProbability(p), NormalQuantile.z(p), 1e-9, "p=" + p);
        }
    }

    @Test
    void refusesProbabilitiesOutsideTheOpenInterval() {
        assertThrows(IllegalArgumentException.class, () -> NormalQuantile.z(0.0));
        assertThrows(IllegalArgumentException.class, () -> NormalQuantile.z(1.0));
        assertThrows(IllegalArgumentException.class, () -> NormalQuantile.z(Double.NaN));
    }
}
