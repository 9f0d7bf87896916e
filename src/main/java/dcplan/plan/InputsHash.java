package dcplan.plan;

import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dcplan.model.DemandCell;
import dcplan.model.PlanningModel;
import dcplan.model.Quarter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stable SHA-256 of the resolved inputs: canonical JSON (properties and map keys sorted,
 * quarters as {@code 2026Q1}, doubles in Java's shortest round-trip form) of
 * {@code {"format": "dcplan-inputs/1", "model": ..., "demand": [...]}}.
 *
 * <p>Lists of the model (regions, sites, chips, ...) keep their file order, which is part of the
 * input; map entries are sorted so the order a map was built in does not matter. Demand cells
 * are sorted by (region, workload, quarter), so the order the aggregation produced them in does
 * not matter. Every record component is included (new model fields change the hash, as they
 * should).
 */
public final class InputsHash {
    public static final String FORMAT = "dcplan-inputs/1";

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(SerializationFeature.INDENT_OUTPUT)
            .addModule(new SimpleModule("dcplan-quarter").addSerializer(Quarter.class, ToStringSerializer.instance))
            .build();

    private InputsHash() {
    }

    /** The canonical JSON text that is hashed. */
    public static String canonicalJson(PlanningModel model, List<DemandCell> demand) {
        List<DemandCell> sorted = new ArrayList<>(demand);
        sorted.sort(Comparator.comparing(DemandCell::region).thenComparing(DemandCell::workload)
                .thenComparing(DemandCell::quarter));
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", FORMAT);
        root.put("model", model);
        root.put("demand", sorted);
        try {
            return CANONICAL.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the inputs for hashing", e);
        }
    }

    /** Lower-case hex SHA-256 of {@link #canonicalJson}. */
    public static String sha256(PlanningModel model, List<DemandCell> demand) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(canonicalJson(model, demand).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
