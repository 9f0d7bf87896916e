package dcplan.report;

import java.util.Locale;

/** Small helpers for self-contained HTML: escaping, number formats for people, one stylesheet. */
final class Html {
    static final String STYLE = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;max-width:1100px;color:#1c2430;line-height:1.45}
            h1{font-size:1.6rem;margin-bottom:.2rem} h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #d8dee6;padding-bottom:.3rem}
            h3{font-size:.95rem;margin:1rem 0 .3rem;color:#3a4656}
            .sub{color:#5b6675;margin-top:0}
            table{border-collapse:collapse;width:100%;font-size:.9rem;margin:.6rem 0}
            th,td{padding:.35rem .6rem;border-bottom:1px solid #e6eaf0;text-align:right}
            th:first-child,td:first-child{text-align:left}
            th{background:#f3f5f8;font-weight:600}
            tr.changed td{background:#fff8e1}
            .up{color:#b3261e;font-weight:600} .down{color:#1b7a3d;font-weight:600}
            .tag{display:inline-block;padding:.05rem .45rem;border-radius:.6rem;font-size:.8rem;background:#eef1f5}
            .ok{background:#e3f4e8;color:#1b7a3d} .bad{background:#fde7e6;color:#b3261e}
            ul.limits li{margin:.15rem 0}
            figure.chart{margin:.4rem 0 .6rem} figure.chart svg{display:block;width:100%;height:auto}
            """;

    private Html() {
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static String usd(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%,.0f", v);
    }

    static String usd4(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%,.4f", v);
    }

    static String count(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%,.0f", v);
    }

    /** A signed relative change, "+3.20 %", or "new" / "gone" when one side is zero. */
    static String change(double before, double after) {
        if (before == after) {
            return "0";
        }
        if (before == 0) {
            return "new";
        }
        if (after == 0) {
            return "gone";
        }
        return String.format(Locale.ROOT, "%+.2f %%", 100 * (after / before - 1));
    }

    /** CSS class for a change in a cost-like figure: higher is worse. */
    static String direction(double before, double after) {
        double tolerance = 1e-9 * Math.max(Math.abs(before), Math.abs(after));
        if (after > before + tolerance) {
            return "up";
        }
        if (after < before - tolerance) {
            return "down";
        }
        return "";
    }
}
