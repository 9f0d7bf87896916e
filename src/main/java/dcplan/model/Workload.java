package dcplan.model;

/**
 * A kind of inference work; {@code latencySloMs} null means no latency limit (batch work).
 * {@code tokensPerInference} (optional, null when not given): tokens one inference produces, so
 * that reports can quote USD per million tokens beside USD per million inferences (LLM work).
 */
public record Workload(String id, Double latencySloMs, Double tokensPerInference) {

    /** A workload without a token count (the contract's two fields). */
    public Workload(String id, Double latencySloMs) {
        this(id, latencySloMs, null);
    }
}
