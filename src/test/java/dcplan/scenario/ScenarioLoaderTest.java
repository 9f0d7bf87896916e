package dcplan.scenario;

import dcplan.model.InputException;
import dcplan.model.PlanningModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static dcplan.scenario.ScenarioTestSupport.file;
import static dcplan.scenario.ScenarioTestSupport.scenario;
import static dcplan.scenario.ScenarioTestSupport.shipped;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad scenario files: every problem is reported, each naming the file, the key, and what is valid. */
class ScenarioLoaderTest {
    @TempDir
    Path dir;

    private final PlanningModel base = shipped();

    /** Loads the file, expects bad input, and returns the problems (each must name the file). */
    private List<String> problems(Path file) {
        InputException e = assertThrows(InputException.class, () -> ScenarioLoader.load(file, base));
        for (String p : e.problems()) {
            assertTrue(p.startsWith(file.toString() + ":"), "names the file: " + p);
        }
        return e.problems();
    }

    private List<String> problems(String body) throws Exception {
        return problems(scenario(dir, body));
    }

    private static void assertOne(List<String> problems, String expected) {
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).endsWith(expected), "expected ..." + expected + "\nbut was " + problems.get(0));
    }

    @Test
    void unknownTopLevelKeyListsTheValidKeys() throws Exception {
        assertOne(problems("chip: {ppu: {server_price_usd: 1}}\n"),
                "what-if.yaml: unknown key 'chip', did you mean 'chips'? (valid: budget, chips, decided_until, demand, description, name, policy, regions, sites)");
    }

    @Test
    void unknownKeysInsideListTheValidKeysThere() throws Exception {
        assertOne(problems("chips: {ppu: {server_price: 1}}\n"),
                "what-if.yaml: chips.ppu: unknown key 'server_price', did you mean 'server_price_usd'? (valid: ban, order_lead_quarters, "
                        + "server_price_multiplier, server_price_usd, supply, supply_multiplier, throughput_ips, throughput_multiplier)");
        assertOne(problems("demand: [{region: [brazil], multiplier: 2}]\n"),
                "what-if.yaml: demand[0]: unknown key 'region', did you mean 'regions'? (valid: from, multiplier, regions, to, workloads)");
        assertOne(problems("sites: {paris: {pue: 1.2}}\n"),
                "what-if.yaml: sites.paris: unknown key 'pue' (valid: build_quarters, electricity_price_multiplier, electricity_usd_per_mwh, "
                        + "expansion_price_multiplier, expansion_ready, expansion_usd_per_mw, max_it_mw, phase_mw)");
        assertOne(problems("policy: {horizon: {from: 2026Q1}}\n"),
                "what-if.yaml: policy: unknown key 'horizon' (valid: planning_quantile, rho, target_utilization)");
        assertOne(problems("budget: {scale: 0.9, 2031: 5}\n"),
                "what-if.yaml: budget.2031: unknown key '2031' (valid: scale, 2026, 2027, 2028; a year sets that year's "
                        + "capex budget in USD)");
        assertOne(problems("chips: {ppu: {supply: {from: 2027Q1, per_quarter: 5, to: 2028Q1}}}\n"),
                "chips.ppu.supply: unknown key 'to' (valid: from, per_quarter)");
    }

    @Test
    void unknownChipListsTheValidChips() throws Exception {
        assertOne(problems("chips: {nvidia-h100: {server_price_usd: 1}}\n"),
                "what-if.yaml: chips.nvidia-h100: unknown chip 'nvidia-h100', did you mean 'nvidia-h200'? (valid: all, nvidia-h20, nvidia-h200, ppu)");
    }

    @Test
    void unknownSiteListsTheValidSites() throws Exception {
        assertOne(problems("sites: {pariss: {max_it_mw: 50}}\n"),
                "what-if.yaml: sites.pariss: unknown site 'pariss', did you mean 'paris'? (valid: add, all, bangkok, frankfurt, hangzhou, jakarta, johor, "
                        + "paris, remove, sao-paulo, singapore, ulanqab)");
        assertOne(problems("sites: {remove: [lyon]}\n"),
                "what-if.yaml: sites.remove: unknown site 'lyon' (valid: bangkok, frankfurt, hangzhou, jakarta, johor, paris, "
                        + "sao-paulo, singapore, ulanqab)");
    }

    @Test
    void unknownRegionAndWorkloadListTheValidIds() throws Exception {
        assertOne(problems("demand: [{regions: [brasil], multiplier: 2}]\n"),
                "what-if.yaml: demand[0].regions: unknown region 'brasil', did you mean 'brazil'? (valid: brazil, china, france, sea-mainland, sea-maritime)");
        assertOne(problems("demand: [{workloads: [chat], multiplier: 2}]\n"),
                "what-if.yaml: demand[0].workloads: unknown workload 'chat', did you mean 'llm-chat'? (valid: embedding, llm-batch, llm-chat, recsys)");
        assertOne(problems("chips: {ppu: {throughput_ips: {vision: 3}}}\n"),
                "what-if.yaml: chips.ppu.throughput_ips.vision: unknown workload 'vision' (valid: embedding, llm-batch, llm-chat, recsys)");
    }

    @Test
    void unknownJurisdictionListsTheJurisdictionsWithSites() throws Exception {
        assertOne(problems("chips: {nvidia-h200: {ban: [{jurisdiction: US, from: 2026Q3}]}}\n"),
                "what-if.yaml: chips.nvidia-h200.ban[0]: unknown jurisdiction 'US': no site is there "
                        + "(valid: BR, CN, DE, FR, ID, MY, SG, TH)");
    }

    @Test
    void badQuartersAreNamed() throws Exception {
        assertOne(problems("demand: [{from: 2026Q5, multiplier: 2}]\n"),
                "what-if.yaml: demand[0].from: '2026Q5' is not a quarter like 2026Q1");
        assertOne(problems("demand: [{to: 2031Q1, multiplier: 2}]\n"),
                "what-if.yaml: demand[0].to: 2031Q1 is outside the horizon 2026Q1..2028Q4");
        assertOne(problems("demand: [{from: 2028Q1, to: 2027Q1, multiplier: 2}]\n"),
                "what-if.yaml: demand[0].to: 2027Q1 is before from 2028Q1");
        assertOne(problems("chips: {ppu: {supply: [{from: 2027Q1, per_quarter: 5}, {from: 2026Q3, per_quarter: 1}]}}\n"),
                "what-if.yaml: chips.ppu.supply[1].from: 2026Q3 must be after the previous step's 2027Q1");
        assertOne(problems("sites: {paris: {expansion_ready: soon}}\n"),
                "what-if.yaml: sites.paris.expansion_ready: 'soon' is not a quarter like 2026Q1");
    }

    @Test
    void negativeOrOutOfRangeNumbersAreNamed() throws Exception {
        assertOne(problems("demand: [{regions: [brazil], multiplier: -1.5}]\n"),
                "what-if.yaml: demand[0].multiplier: must not be negative, got -1.5");
        assertOne(problems("demand: [{regions: [brazil]}]\n"), "what-if.yaml: demand[0].multiplier: missing");
        assertOne(problems("chips: {ppu: {supply: {from: 2027Q1, per_quarter: 2.5}}}\n"),
                "chips.ppu.supply.per_quarter: must be a whole number of servers, got 2.5");
        assertOne(problems("policy: {planning_quantile: 1.2}\n"), "what-if.yaml: policy.planning_quantile: must be within (0, 1), got 1.2");
        assertOne(problems("sites: {paris: {max_it_mw: 5}}\n"),
                "what-if.yaml: sites.paris.max_it_mw: 5.0 is below the site's existing_it_mw 8.0 (built MW cannot be un-built; "
                        + "remove the site instead)");
        assertOne(problems("budget: {scale: many}\n"), "what-if.yaml: budget.scale: must be a number, got 'many'");
    }

    @Test
    void missingOrBadNameAndDescription() throws Exception {
        Path noName = file(dir, "no-name.yaml", "description: x\nbudget: {scale: 0.5}\n");
        assertOne(problems(noName), "no-name.yaml: name: missing");
        Path badName = file(dir, "bad-name.yaml", "name: Budget Cut!\ndescription: x\n");
        assertOne(problems(badName), "bad-name.yaml: name: must be lowercase letters and digits in hyphen-separated words "
                + "(it names the run folder), got 'Budget Cut!'");
        Path noDescription = file(dir, "no-description.yaml", "name: x\n");
        assertOne(problems(noDescription), "no-description.yaml: description: missing");
    }

    @Test
    void notYamlOrNotAMapOrMissingFile() throws Exception {
        Path notYaml = file(dir, "broken.yaml", "name: x\ndescription: [unclosed\nchips: {\n");
        List<String> p = problems(notYaml);
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).startsWith(notYaml + ": not valid YAML ("), p.get(0));
        Path list = file(dir, "list.yaml", "- name: x\n");
        assertOne(problems(list), "list.yaml: must be a YAML map with the keys budget, chips, decided_until, demand, description, name, policy, "
                + "regions, sites (see models/scenarios/README.md)");
        Path missing = dir.resolve("nowhere.yaml");
        assertOne(problems(missing), "nowhere.yaml: scenario file not found");
    }

    @Test
    void sitesAddAndRemoveMistakes() throws Exception {
        assertOne(problems("sites:\n  add: [{id: paris, name: P2, country: FR, jurisdiction: FR, electricity_usd_per_mwh: 70, pue: 1.2}]\n"),
                "what-if.yaml: sites.add[0] (paris).id: site 'paris' is already in the base model: change it under sites.paris instead");
        assertOne(problems("sites:\n  add: [{id: lyon, name: Lyon, country: FR, jurisdiction: FR, latency_ms: {paris: 3}, "
                        + "electricity_usd_per_mwh: 70, pue: 1.2}]\n"),
                "what-if.yaml: sites.add[0] (lyon).latency_ms: unknown region 'paris' (valid: brazil, china, france, sea-mainland, sea-maritime)");
        assertOne(problems("sites:\n  add: [{id: lyon, name: Lyon, country: FR, jurisdiction: FR, electricity_usd_per_mwh: 70, pue: 0.9}]\n"),
                "what-if.yaml: after applying the scenario: resolved model/sites.yaml: sites (lyon).pue: must be at least 1, got 0.9");
        assertOne(problems("sites:\n  add: [{id: lyon, name: Lyon, country: FR, jurisdiction: FR, pue: 1.2}]\n"),
                "what-if.yaml: sites.add[0] (lyon).electricity_usd_per_mwh: missing");
        assertOne(problems("sites:\n  paris: {max_it_mw: 120}\n  remove: [paris]\n"),
                "what-if.yaml: sites.paris: site 'paris' is also removed: change it or remove it, not both");
    }

    @Test
    void everyProblemOfAFileIsReportedAtOnce() throws Exception {
        List<String> p = problems("name2: x\ndemand: [{regions: [mars], multiplier: -1}]\nchips: {tpu: {}}\n"
                + "policy: {rho: 2}\n");
        assertEquals(5, p.size(), p.toString());
    }

    @Test
    void aValidFileLoadsWithItsParts() throws Exception {
        Scenario s = ScenarioLoader.load(scenario(dir, "demand: [{regions: brazil, multiplier: 1.2}]\n"
                + "chips: {ppu: {ban: [MY]}}\nbudget: {2028: 1}\npolicy: {rho: 0.5}\n"), base);
        assertEquals("what-if", s.name());
        assertEquals("a test scenario", s.description());
        assertEquals(List.of("brazil"), s.demand().get(0).regions());
        assertEquals(List.of(), s.demand().get(0).workloads());
        assertEquals(List.of(new dcplan.model.Chip.Ban("MY", null)), s.chips().get("ppu").bans());
        assertTrue(s.changesRollUp());
    }
}
