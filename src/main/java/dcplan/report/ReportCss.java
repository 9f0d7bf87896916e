package dcplan.report;

/** report.html's style sheet, inlined into the page (no file is fetched). */
final class ReportCss {
    private ReportCss() {
    }

    /**
     * The start of a report page up to its {@code <main>}: document head with {@code title}
     * (already escaped) and this style sheet. The plan report and the hedged report share it.
     */
    static String pageStart(String escapedTitle) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + escapedTitle + "</title>\n<style>\n" + CSS + "</style>\n</head>\n<body>\n<main>\n";
    }

    static final String CSS = """
            :root { --ink:#1f2937; --muted:#5b6573; --line:#e3e7ec; --bg:#f6f7f9; --accent:#2b5c8a; --ok:#2e7d32; --bad:#c0392b; }
            * { box-sizing: border-box; }
            html { -webkit-text-size-adjust: 100%; }
            body { margin:0; background:var(--bg); color:var(--ink);
                   font: 15px/1.5 "Inter", "Lato", "Segoe UI", "Helvetica Neue", Arial, "DejaVu Sans", sans-serif;
                   font-variant-numeric: tabular-nums; }
            main { max-width: 1040px; margin: 0 auto; padding: 28px 28px 48px; }
            header.top { margin-bottom: 18px; }
            .kicker { text-transform: uppercase; letter-spacing: .08em; font-size: 12px; color: var(--muted); font-weight: 600; }
            h1 { font-size: 28px; margin: 4px 0 2px; font-weight: 700; letter-spacing: -.01em; }
            h2 { font-size: 19px; margin: 0 0 6px; font-weight: 700; }
            h3 { font-size: 15px; margin: 18px 0 6px; }
            .meta { color: var(--muted); margin: 0; font-size: 13px; }
            code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12px; word-break: break-all; }
            section { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 20px 22px; margin: 0 0 18px; }
            .lede { color: var(--muted); margin: 0 0 12px; max-width: 78ch; }
            .lede strong { color: var(--bad); }
            .status { display: inline-flex; align-items: center; gap: 8px; padding: 6px 12px; border-radius: 999px; font-size: 14px; margin-bottom: 14px; }
            .status.ok { background: #e8f5e9; color: var(--ok); }
            .status.bad { background: #fdecea; color: var(--bad); }
            .status .dot { width: 9px; height: 9px; border-radius: 50%; background: currentColor; }
            .status .soft { color: var(--muted); }
            .callout { padding: 8px 14px; border-radius: 8px; margin-bottom: 8px; }
            .callout.ok { background: #e8f5e9; color: var(--ok); }
            .callout.bad { background: #fdecea; color: var(--bad); }
            .cards { display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)); gap: 12px; margin-bottom: 14px; }
            .card { border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; min-width: 0; container-type: inline-size; }
            .card.primary { border-color: #c9d8e8; background: #f4f8fc; }
            .card .label { font-size: 12px; color: var(--muted); text-transform: uppercase; letter-spacing: .05em; font-weight: 600; }
            /* a figure of --chars characters fits the card: a bold digit is at most 0.7 em wide */
            .card .value { font-size: 21px; font-size: min(21px, calc(100cqi / var(--chars) / 0.7)); font-weight: 700;
                           margin: 4px 0 2px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
            .card.primary .value { font-size: 24px; font-size: min(24px, calc(100cqi / var(--chars) / 0.7)); color: var(--accent); }
            .card .value .unit { display: block; font-size: 12px; font-weight: 500; color: var(--muted); }
            .card .sub { font-size: 12px; color: var(--muted); }
            .fig { white-space: nowrap; }
            table { border-collapse: collapse; width: 100%; font-size: 13px; }
            caption { text-align: left; font-weight: 600; padding: 0 0 6px; color: var(--ink); }
            th, td { padding: 5px 10px; border-bottom: 1px solid var(--line); text-align: left; white-space: nowrap; }
            th { font-size: 12px; color: var(--muted); font-weight: 600; background: #fafbfc; }
            td.num, th.num { text-align: right; }
            tbody tr:nth-child(even) td { background: #fbfcfd; }
            tr.total td, tbody tr:last-child td { }
            table.terms { max-width: 560px; margin-bottom: 14px; }
            table.terms tr.total td { font-weight: 700; border-top: 2px solid var(--ink); }
            .table-wrap { margin: 12px 0 4px; overflow-x: auto; }
            .table-wrap.scroll { max-height: 380px; overflow: auto; border: 1px solid var(--line); border-radius: 6px; }
            .table-wrap.scroll caption { position: sticky; left: 0; padding: 8px 10px; background: #fff; }
            .table-wrap.scroll thead th { position: sticky; top: 0; z-index: 1; box-shadow: inset 0 -1px 0 var(--line); }
            tr.empty td { color: var(--muted); font-style: italic; }
            .note { color: var(--muted); font-size: 12px; margin: 4px 0 10px; }
            dl.facts { display: grid; grid-template-columns: repeat(2, 1fr); gap: 4px 24px; margin: 0; font-size: 13px; }
            dl.facts div { display: flex; gap: 10px; border-bottom: 1px dotted var(--line); padding: 3px 0; }
            dl.facts dt { color: var(--muted); min-width: 110px; }
            dl.facts dd { margin: 0; }
            .soft { color: var(--muted); font-weight: 400; }
            .warn { color: var(--bad); font-weight: 600; }
            figure.chart { margin: 4px 0 8px; }
            figure.chart svg { display: block; width: 100%; height: auto; }
            .multiples { display: grid; grid-template-columns: repeat(3, 1fr); gap: 10px; }
            .multiples figure.chart { border: 1px solid var(--line); border-radius: 6px; padding: 4px; margin: 0; }
            .multiples.two { grid-template-columns: repeat(2, 1fr); align-items: start; }
            ul.limits { padding-left: 0; list-style: none; margin: 0; }
            ul.limits > li { padding: 7px 0; border-bottom: 1px solid var(--line); }
            ul.limits ul { margin: 4px 0 0 18px; padding: 0; color: var(--muted); font-size: 13px; }
            .tag { display: inline-block; font-size: 11px; font-weight: 700; text-transform: uppercase; letter-spacing: .05em;
                   padding: 1px 8px; border-radius: 4px; background: #eef3f8; color: var(--accent); margin-right: 6px; }
            .tag.bad { background: #fdecea; color: var(--bad); }
            .violations { border-left: 4px solid var(--bad); padding: 2px 0 2px 14px; margin-bottom: 10px; }
            .violations ul { margin: 0; padding-left: 18px; }
            .explain { font-size: 13px; border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; background: #fafbfc; }
            .explain-head { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12px; padding: 2px 0; }
            .explain ul { margin: 0 0 6px 18px; padding: 0; color: var(--muted); }
            footer { color: var(--muted); font-size: 12px; text-align: center; margin-top: 8px; }
            @media (max-width: 820px) { .cards { grid-template-columns: repeat(2, 1fr); } .multiples { grid-template-columns: repeat(2, 1fr); }
                                        dl.facts { grid-template-columns: 1fr; } }
            @media print { body { background: #fff; } section { break-inside: avoid; border: none; } .table-wrap.scroll { max-height: none; } }
            """;
}
