package dcplan.model;

/** A kind of inference work; {@code latencySloMs} null means no latency limit (batch work). */
public record Workload(String id, Double latencySloMs) {
}
