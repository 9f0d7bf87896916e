package dcplan.plan;

import dcplan.model.Chip;
import dcplan.model.InputException;
import dcplan.model.LeadTimes;
import dcplan.model.PlanningModel;
import dcplan.model.Quarter;
import dcplan.model.Site;
import dcplan.model.UnitCosts;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a what-if run folder says beside its plan (contract version 2, "What-ifs that keep what
 * was already committed"):
 * <ul>
 *   <li>{@code held.csv}: the baseline's commitments the what-if kept, one row per order or
 *   build that is not zero ({@code kind} server: {@code added} servers of {@code chip} installed in
 *   {@code quarter}, ordered in {@code committed_in}; {@code kind} facility: {@code mw} usable
 *   from {@code quarter}, construction from {@code committed_in}), with its whole cash cost;</li>
 *   <li>{@code stranded.csv}: servers that a ban leaves idle, per (site, chip, quarter): every
 *   server installed where its chip is banned in that quarter serves nothing there, is paid for
 *   and draws idle power. They are split into those existing before the horizon, those the
 *   what-if kept from the baseline ({@code held}) and any it added itself ({@code planned}),
 *   with the quarter's amortised capex (existing servers are sunk: none) and idle energy.</li>
 * </ul>
 * Costs are the what-if model's, by {@link UnitCosts}.
 */
public record WhatIfTables(List<HeldRow> held, List<StrandedRow> stranded) {
    public static final String HELD_CSV = "held.csv";
    public static final String STRANDED_CSV = "stranded.csv";
    public static final String[] HELD_HEADER = {"kind", "site", "chip", "committed_in", "quarter", "added", "mw", "capex_usd"};
    public static final String[] STRANDED_HEADER = {"site", "chip", "quarter", "servers", "existing_servers",
            "held_servers", "planned_servers", "capex_amortized_usd", "idle_energy_usd"};
    public static final String SERVER = "server";
    public static final String FACILITY = "facility";

    public WhatIfTables {
        held = List.copyOf(held);
        stranded = List.copyOf(stranded);
    }

    /** A kept commitment; {@code chip} is empty and {@code added} 0 for a facility row, {@code mw} 0 for a server row. */
    public record HeldRow(String kind, String site, String chip, Quarter committedIn, Quarter quarter, int added,
                          double mw, double capexUsd) {
    }

    /** Idle servers of a banned chip at a site in a quarter: {@code servers = existing + held + planned}. */
    public record StrandedRow(String site, String chip, Quarter quarter, int servers, int existingServers,
                              int heldServers, int plannedServers, double capexAmortizedUsd, double idleEnergyUsd) {
    }

    /** The tables of {@code plan}, a plan of {@code model} that keeps {@code commitments} (NONE: nothing held). */
    public static WhatIfTables of(PlanningModel model, Plan plan, Commitments commitments) {
        return new WhatIfTables(held(model, commitments), stranded(model, plan, commitments));
    }

    private static List<HeldRow> held(PlanningModel model, Commitments commitments) {
        List<HeldRow> rows = new ArrayList<>();
        for (Site site : model.sites()) {
            for (Chip chip : model.chips()) {
                for (Quarter q : model.quarters()) {
                    int added = commitments.heldAdded(site, chip, q);
                    if (commitments.holdsServers(chip, q) && added != 0) {
                        rows.add(new HeldRow(SERVER, site.id(), chip.id(), LeadTimes.orderQuarter(chip, q), q, added, 0.0,
                                UnitCosts.serverCashFor(chip, added)));
                    }
                }
            }
            for (Quarter q : model.quarters()) {
                double mw = commitments.heldAddedMw(site, q);
                if (commitments.holdsMw(site, q) && mw != 0) {
                    rows.add(new HeldRow(FACILITY, site.id(), "", LeadTimes.constructionStart(site, q), q, 0, mw,
                            UnitCosts.facilityCashFor(site, mw)));
                }
            }
        }
        return rows;
    }

    private static List<StrandedRow> stranded(PlanningModel model, Plan plan, Commitments commitments) {
        List<StrandedRow> rows = new ArrayList<>();
        for (Site site : model.sites()) {
            for (Chip chip : model.chips()) {
                int existing = site.existingServers(chip.id());
                int heldSoFar = 0;
                for (Quarter q : model.quarters()) {
                    if (commitments.holdsServers(chip, q)) {
                        heldSoFar += commitments.heldAdded(site, chip, q);
                    }
                    int installed = plan.installed().getOrDefault(new Plan.SiteChipQuarter(site.id(), chip.id(), q), 0);
                    if (installed <= 0 || !chip.isBannedIn(site.jurisdiction(), q)) {
                        continue;
                    }
                    int ex = Math.min(existing, installed);
                    int held = Math.max(0, Math.min(heldSoFar, installed - ex));
                    rows.add(new StrandedRow(site.id(), chip.id(), q, installed, ex, held, installed - ex - held,
                            UnitCosts.serverCapex(site, chip, installed),
                            installed * UnitCosts.idleEnergyPerServerQuarter(site, chip)));
                }
            }
        }
        return rows;
    }

    // ---------------------------------------------------------------- totals

    /** Server-quarters stranded (the sum of {@code servers} over the rows). */
    public long strandedServerQuarters() {
        return stranded.stream().mapToLong(StrandedRow::servers).sum();
    }

    /** The most servers stranded in any one quarter, all sites and chips together. */
    public int strandedServersAtPeak() {
        java.util.Map<Quarter, Integer> byQuarter = new java.util.TreeMap<>();
        stranded.forEach(r -> byQuarter.merge(r.quarter(), r.servers(), Integer::sum));
        return byQuarter.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    public double strandedCapexAmortizedUsd() {
        return stranded.stream().mapToDouble(StrandedRow::capexAmortizedUsd).sum();
    }

    public double strandedIdleEnergyUsd() {
        return stranded.stream().mapToDouble(StrandedRow::idleEnergyUsd).sum();
    }

    public double heldCapexUsd(String kind) {
        return held.stream().filter(r -> r.kind().equals(kind)).mapToDouble(HeldRow::capexUsd).sum();
    }

    // ---------------------------------------------------------------- files

    /** Writes held.csv and stranded.csv (full precision, header only when empty) into {@code dir}. */
    public void writeCsv(Path dir) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        for (HeldRow r : held) {
            rows.add(List.of(r.kind(), r.site(), r.chip(), r.committedIn().toString(), r.quarter().toString(),
                    Integer.toString(r.added()), PlanTables.num(r.mw()), PlanTables.num(r.capexUsd())));
        }
        csv(dir.resolve(HELD_CSV), HELD_HEADER, rows);
        rows.clear();
        for (StrandedRow r : stranded) {
            rows.add(List.of(r.site(), r.chip(), r.quarter().toString(), Integer.toString(r.servers()),
                    Integer.toString(r.existingServers()), Integer.toString(r.heldServers()),
                    Integer.toString(r.plannedServers()), PlanTables.num(r.capexAmortizedUsd()),
                    PlanTables.num(r.idleEnergyUsd())));
        }
        csv(dir.resolve(STRANDED_CSV), STRANDED_HEADER, rows);
    }

    private static void csv(Path file, String[] header, List<List<String>> rows) throws IOException {
        try (Writer w = Files.newBufferedWriter(file);
             CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader(header).get())) {
            for (List<String> row : rows) {
                p.printRecord(row);
            }
        }
    }

    /**
     * The tables of a run folder, or null when it has neither file (a plan, not a what-if). A file
     * that is there but unreadable is an {@link InputException} naming it and the row.
     */
    public static WhatIfTables read(Path runFolder) {
        Path heldFile = runFolder.resolve(HELD_CSV);
        Path strandedFile = runFolder.resolve(STRANDED_CSV);
        if (!Files.isRegularFile(heldFile) && !Files.isRegularFile(strandedFile)) {
            return null;
        }
        List<HeldRow> held = new ArrayList<>();
        for (CSVRecord r : records(heldFile)) {
            held.add(row(heldFile, r, () -> new HeldRow(r.get("kind"), r.get("site"), r.get("chip"),
                    Quarter.parse(r.get("committed_in")), Quarter.parse(r.get("quarter")), Integer.parseInt(r.get("added")),
                    Double.parseDouble(r.get("mw")), Double.parseDouble(r.get("capex_usd")))));
        }
        List<StrandedRow> stranded = new ArrayList<>();
        for (CSVRecord r : records(strandedFile)) {
            stranded.add(row(strandedFile, r, () -> new StrandedRow(r.get("site"), r.get("chip"),
                    Quarter.parse(r.get("quarter")), Integer.parseInt(r.get("servers")),
                    Integer.parseInt(r.get("existing_servers")), Integer.parseInt(r.get("held_servers")),
                    Integer.parseInt(r.get("planned_servers")), Double.parseDouble(r.get("capex_amortized_usd")),
                    Double.parseDouble(r.get("idle_energy_usd")))));
        }
        return new WhatIfTables(held, stranded);
    }

    private static List<CSVRecord> records(Path file) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try (Reader r = Files.newBufferedReader(file);
             CSVParser p = CSVParser.parse(r, CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
            return p.getRecords();
        } catch (IOException | RuntimeException e) {
            throw new InputException(file + ": cannot read as CSV (" + e.getMessage() + ")");
        }
    }

    private static <T> T row(Path file, CSVRecord r, java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (IllegalArgumentException e) {
            throw new InputException(file + ": row " + (r.getRecordNumber() + 1) + ": " + e.getMessage());
        }
    }
}
