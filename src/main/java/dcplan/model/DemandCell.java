package dcplan.model;

/** Regional demand of one workload in one quarter, in inferences per second. */
public record DemandCell(String region, String workload, Quarter quarter, double peakIps, double avgIps) {

    /** Average served per unit of peak served: flow_avg = flow * avg / peak. */
    public double avgPerPeak() {
        return peakIps > 0 ? avgIps / peakIps : 0.0;
    }
}
