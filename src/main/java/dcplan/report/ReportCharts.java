package dcplan.report;

import dcplan.model.Chip;
import dcplan.model.Quarter;
import dcplan.model.Site;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report's charts, drawn by JFreeChart and rendered to SVG by JFreeSVG, for inlining into
 * report.html. Each SVG element carries the chart's id (and {@code data-chart}) so a test can
 * find it; clip-path ids are prefixed with it, so several charts can share one page.
 */
public final class ReportCharts {
    static final String FONT = "SansSerif";
    static final Color INK = new Color(0x1f, 0x29, 0x37);
    static final Color MUTED = new Color(0x5b, 0x65, 0x73);
    static final Color GRID = new Color(0xe3, 0xe7, 0xec);
    /** Tableau 10: distinct, colour-blind friendlier than JFreeChart's defaults. */
    static final Color[] PALETTE = {
            new Color(0x4e79a7), new Color(0xf28e2b), new Color(0xe15759), new Color(0x76b7b2), new Color(0x59a14f),
            new Color(0xedc948), new Color(0xb07aa1), new Color(0xff9da7), new Color(0x9c755f), new Color(0xbab0ac)};
    static final Color[] DOMESTIC = {new Color(0x2b5c8a), new Color(0x4e79a7), new Color(0x8fb3d9), new Color(0x1d3f5e)};
    static final Color[] IMPORTED = {new Color(0x76b900), new Color(0x3d6300), new Color(0xb5dd6e), new Color(0x9bbf5a)};
    static final Color SERVER = new Color(0x4e79a7);
    static final Color FACILITY = new Color(0xf28e2b);
    static final Color BUDGET = new Color(0xc0392b);

    private ReportCharts() {
    }

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** An SVG element ({@code <svg id=... data-chart=... viewBox=...>}) of the chart at width x height. */
    public static String svg(JFreeChart chart, String id, int width, int height) {
        SVGGraphics2D g2 = new SVGGraphics2D(width, height);
        g2.setDefsKeyPrefix(id + "-");
        chart.draw(g2, new Rectangle(0, 0, width, height));
        String svg = g2.getSVGElement(id, true, new ViewBox(0, 0, width, height), null, null);
        return svg.replaceFirst("<svg ", "<svg data-chart=\"" + id + "\" role=\"img\" ");
    }

    // ---------------------------------------------------------------- the charts

    /** Capex cash per year, server and facility stacked, with the year's budget as a line. */
    public static JFreeChart capexByYear(List<ReportData.YearRow> years) {
        DefaultCategoryDataset bars = new DefaultCategoryDataset();
        DefaultCategoryDataset budget = new DefaultCategoryDataset();
        for (ReportData.YearRow y : years) {
            String year = Integer.toString(y.year());
            bars.addValue(y.serverCapexUsd() / 1e6, "server capex", year);
            bars.addValue(y.facilityCapexUsd() / 1e6, "facility capex", year);
            budget.addValue(y.budgetUsd() == null ? null : y.budgetUsd() / 1e6, "budget", year);
        }
        CategoryPlot plot = stackedPlot(bars, "USD M (cash)");
        plot.getRenderer().setSeriesPaint(0, SERVER);
        plot.getRenderer().setSeriesPaint(1, FACILITY);
        LineAndShapeRenderer line = new LineAndShapeRenderer(true, true);
        line.setSeriesPaint(0, BUDGET);
        line.setSeriesStroke(0, new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f, new float[]{6f, 4f}, 0f));
        line.setSeriesShape(0, new java.awt.geom.Rectangle2D.Double(-5, -2, 10, 4));
        plot.setDataset(1, budget);
        plot.setRenderer(1, line);
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
        return chart(plot);
    }

    /** Capex cash per quarter, one stacked segment per site. */
    public static JFreeChart capexBySite(List<Quarter> quarters, Map<String, double[]> bySite) {
        DefaultCategoryDataset ds = new DefaultCategoryDataset();
        for (Map.Entry<String, double[]> e : bySite.entrySet()) {
            for (int q = 0; q < quarters.size(); q++) {
                ds.addValue(e.getValue()[q] / 1e6, e.getKey(), quarters.get(q).toString());
            }
        }
        CategoryPlot plot = stackedPlot(ds, "USD M (cash)");
        palette(plot, PALETTE);
        plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        return chart(plot);
    }

    /** Capex cash over the horizon per site, baseline and what-if side by side (diff.html). */
    public static JFreeChart capexBySiteCompared(Map<String, Double> baseline, Map<String, Double> whatIf) {
        DefaultCategoryDataset ds = new DefaultCategoryDataset();
        java.util.Set<String> sites = new java.util.TreeSet<>(baseline.keySet());
        sites.addAll(whatIf.keySet());
        for (String site : sites) {
            if (baseline.getOrDefault(site, 0.0) == 0 && whatIf.getOrDefault(site, 0.0) == 0) {
                continue; // as in the table: no empty slots for sites without capex
            }
            ds.addValue(baseline.getOrDefault(site, 0.0) / 1e6, "baseline", site);
            ds.addValue(whatIf.getOrDefault(site, 0.0) / 1e6, "what-if", site);
        }
        CategoryPlot plot = basePlot(ds, "USD M (cash)");
        BarRenderer bars = new BarRenderer();
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        bars.setDrawBarOutline(false);
        bars.setItemMargin(0.04);
        bars.setMaximumBarWidth(0.05);
        bars.setSeriesPaint(0, new Color(0xa9b4c2));
        bars.setSeriesPaint(1, SERVER);
        plot.setRenderer(bars);
        ((NumberAxis) plot.getRangeAxis()).setUpperMargin(0.08);
        return chart(plot);
    }

    /**
     * Total cost per future of a hedged run (its report.html), one bar per series side by side: the
     * hedged plan, the future's own plan alone, the central future's commitments kept.
     *
     * @param series series name -> future -> USD
     */
    public static JFreeChart costPerFuture(Map<String, Map<String, Double>> series) {
        DefaultCategoryDataset ds = new DefaultCategoryDataset();
        series.forEach((name, byFuture) -> byFuture.forEach((future, usd) -> ds.addValue(usd / 1e6, name, future)));
        CategoryPlot plot = basePlot(ds, "total cost, USD M");
        BarRenderer bars = new BarRenderer();
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        bars.setDrawBarOutline(false);
        bars.setItemMargin(0.04);
        bars.setMaximumBarWidth(0.08);
        plot.setRenderer(bars);
        palette(plot, new Color[]{SERVER, new Color(0xa9b4c2), FACILITY});
        ((NumberAxis) plot.getRangeAxis()).setUpperMargin(0.08);
        return chart(plot);
    }

    /** Servers installed per site in the last quarter, one segment per chip: domestic in blues, imported in greens. */
    public static JFreeChart chipMix(List<Chip> chips, Map<String, Map<String, Integer>> installed) {
        DefaultCategoryDataset ds = new DefaultCategoryDataset();
        List<Color> colors = new ArrayList<>();
        int d = 0;
        int i = 0;
        for (Chip c : chips) {
            String series = chipLabel(c);
            for (Map.Entry<String, Map<String, Integer>> site : installed.entrySet()) {
                ds.addValue(site.getValue().getOrDefault(c.id(), 0), series, site.getKey());
            }
            colors.add(c.domestic() ? DOMESTIC[d++ % DOMESTIC.length] : IMPORTED[i++ % IMPORTED.length]);
        }
        CategoryPlot plot = stackedPlot(ds, "servers installed");
        palette(plot, colors.toArray(new Color[0]));
        plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        ((NumberAxis) plot.getRangeAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        return chart(plot);
    }

    /** "ppu (domestic)", "nvidia-h200 (NVIDIA)": the vendor of imported chips, upper-cased when short. */
    public static String chipLabel(Chip c) {
        if (c.domestic()) {
            return c.id() + " (domestic)";
        }
        String v = c.vendor() == null || c.vendor().isBlank() ? "imported" : c.vendor();
        return c.id() + " (" + (v.length() <= 6 ? v.toUpperCase(Locale.ROOT) : v) + ")";
    }

    /** USD per million inferences per region, horizontal bars, with the overall figure as a marker. */
    public static JFreeChart costPerRegion(Map<String, Double> byRegion, Double overall) {
        DefaultCategoryDataset ds = new DefaultCategoryDataset();
        byRegion.forEach((r, v) -> ds.addValue(v, "USD per million inferences", r));
        CategoryPlot plot = basePlot(ds, "USD per million inferences");
        BarRenderer bars = new BarRenderer();
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        bars.setSeriesPaint(0, SERVER);
        bars.setMaximumBarWidth(0.12);
        bars.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", decimals(4)));
        bars.setDefaultItemLabelsVisible(true);
        bars.setDefaultItemLabelFont(new Font(FONT, Font.PLAIN, 11));
        bars.setDefaultItemLabelPaint(INK);
        plot.setRenderer(bars);
        bars.setDefaultPositiveItemLabelPosition(new org.jfree.chart.labels.ItemLabelPosition(
                org.jfree.chart.labels.ItemLabelAnchor.OUTSIDE3, TextAnchor.CENTER_LEFT));
        bars.setItemLabelAnchorOffset(4);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setRangeAxisLocation(org.jfree.chart.axis.AxisLocation.BOTTOM_OR_LEFT);
        ((NumberAxis) plot.getRangeAxis()).setNumberFormatOverride(decimals(2));
        ((NumberAxis) plot.getRangeAxis()).setUpperMargin(0.15);
        if (overall != null) {
            plot.addRangeMarker(marker(overall, "overall " + decimals(4).format(overall),
                    org.jfree.chart.ui.RectangleAnchor.BOTTOM_RIGHT, TextAnchor.BOTTOM_LEFT));
        }
        JFreeChart chart = chart(plot);
        chart.removeLegend();
        return chart;
    }

    /** One site's IT MW per quarter: used (bars) against built and the ceiling available (lines). */
    public static JFreeChart power(Site site, List<Quarter> quarters, ReportData.SitePower p) {
        DefaultCategoryDataset used = new DefaultCategoryDataset();
        DefaultCategoryDataset lines = new DefaultCategoryDataset();
        for (int q = 0; q < quarters.size(); q++) {
            String label = shortQuarter(quarters.get(q));
            used.addValue(p.usedMw()[q], "used", label);
            lines.addValue(p.builtMw()[q], "built", label);
            lines.addValue(p.availableMw()[q], "available", label);
        }
        CategoryPlot plot = basePlot(used, "MW (IT)");
        BarRenderer bars = new BarRenderer();
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        bars.setSeriesPaint(0, new Color(0x8fb3d9));
        bars.setItemMargin(0);
        plot.setRenderer(bars);
        org.jfree.chart.renderer.category.CategoryStepRenderer l = new org.jfree.chart.renderer.category.CategoryStepRenderer(true);
        l.setSeriesPaint(0, INK);
        l.setSeriesStroke(0, new BasicStroke(1.6f));
        l.setSeriesPaint(1, BUDGET);
        l.setSeriesStroke(1, new BasicStroke(1.8f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[]{5f, 3f}, 0f));
        plot.setDataset(1, lines);
        plot.setRenderer(1, l);
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
        plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_90);
        plot.getDomainAxis().setTickLabelFont(new Font(FONT, Font.PLAIN, 9));
        plot.getRangeAxis().setLabel(null);
        JFreeChart chart = chart(plot);
        chart.setTitle(new org.jfree.chart.title.TextTitle(site.id(), new Font(FONT, Font.BOLD, 13)));
        chart.getTitle().setPaint(INK);
        chart.getTitle().setHorizontalAlignment(org.jfree.chart.ui.HorizontalAlignment.LEFT);
        chart.getLegend().setItemFont(new Font(FONT, Font.PLAIN, 10));
        chart.getTitle().setPadding(new RectangleInsets(2, 4, 4, 2));
        return chart;
    }

    /** Busy / installed servers per site and quarter (sites with servers), with the target utilisation. */
    public static JFreeChart utilisation(List<Quarter> quarters, Map<String, ReportData.SiteUtilisation> bySite,
                                         double target) {
        DefaultCategoryDataset ds = new DefaultCategoryDataset();
        List<Color> colors = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, ReportData.SiteUtilisation> e : bySite.entrySet()) {
            Color c = PALETTE[i++ % PALETTE.length];
            if (!e.getValue().hasServers()) {
                continue;
            }
            for (int q = 0; q < quarters.size(); q++) {
                double share = e.getValue().share(q);
                ds.addValue(Double.isNaN(share) ? null : share * 100, e.getKey(), quarters.get(q).toString());
            }
            colors.add(c);
        }
        CategoryPlot plot = basePlot(ds, "% of installed servers busy (average load)");
        LineAndShapeRenderer r = new LineAndShapeRenderer(true, true);
        for (int s = 0; s < colors.size(); s++) {
            r.setSeriesPaint(s, colors.get(s));
            r.setSeriesStroke(s, new BasicStroke(2f));
            r.setSeriesShape(s, new java.awt.geom.Ellipse2D.Double(-3, -3, 6, 6));
        }
        plot.setRenderer(r);
        NumberAxis y = (NumberAxis) plot.getRangeAxis();
        y.setRange(0, 100);
        ValueMarker m = marker(target * 100, "target utilisation at peak " + decimals(0).format(target * 100) + " %",
                org.jfree.chart.ui.RectangleAnchor.TOP_LEFT, TextAnchor.BOTTOM_LEFT);
        plot.addRangeMarker(m);
        plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        return chart(plot);
    }

    // ---------------------------------------------------------------- shared styling

    static String shortQuarter(Quarter q) {
        return "'" + String.format(Locale.ROOT, "%02d", q.year() % 100) + "Q" + q.q();
    }

    static CategoryPlot stackedPlot(DefaultCategoryDataset ds, String valueLabel) {
        CategoryPlot plot = basePlot(ds, valueLabel);
        StackedBarRenderer r = new StackedBarRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setMaximumBarWidth(0.09);
        r.setDrawBarOutline(false);
        plot.setRenderer(r);
        return plot;
    }

    static CategoryPlot basePlot(DefaultCategoryDataset ds, String valueLabel) {
        CategoryAxis x = new CategoryAxis();
        NumberAxis y = new NumberAxis(valueLabel);
        y.setNumberFormatOverride(decimals(0));
        y.setAutoRangeIncludesZero(true);
        CategoryPlot plot = new CategoryPlot(ds, x, y, null);
        plot.setOrientation(PlotOrientation.VERTICAL);
        return plot;
    }

    static void palette(CategoryPlot plot, Color[] colors) {
        for (int i = 0; i < plot.getDataset().getRowCount(); i++) {
            plot.getRenderer().setSeriesPaint(i, colors[i % colors.length]);
        }
    }

    static JFreeChart chart(CategoryPlot plot) {
        JFreeChart chart = new JFreeChart(null, new Font(FONT, Font.BOLD, 14), plot, true);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlineVisible(false);
        plot.setRangeGridlinePaint(GRID);
        plot.setRangeGridlineStroke(new BasicStroke(1f));
        plot.setDomainGridlinesVisible(false);
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        for (int i = 0; i < plot.getDomainAxisCount(); i++) {
            style(plot.getDomainAxis(i));
            plot.getDomainAxis(i).setAxisLinePaint(GRID);
            plot.getDomainAxis(i).setTickMarksVisible(false);
        }
        for (int i = 0; i < plot.getRangeAxisCount(); i++) {
            style(plot.getRangeAxis(i));
            plot.getRangeAxis(i).setAxisLineVisible(false);
            plot.getRangeAxis(i).setTickMarksVisible(false);
        }
        chart.setBackgroundPaint(Color.WHITE);
        chart.setPadding(new RectangleInsets(4, 4, 4, 8));
        chart.setAntiAlias(true);
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setFrame(BlockBorder.NONE);
            legend.setPosition(RectangleEdge.BOTTOM);
            legend.setBackgroundPaint(Color.WHITE);
            legend.setItemFont(new Font(FONT, Font.PLAIN, 12));
            legend.setItemPaint(INK);
        }
        return chart;
    }

    static void style(org.jfree.chart.axis.Axis axis) {
        axis.setLabelFont(new Font(FONT, Font.PLAIN, 12));
        axis.setLabelPaint(MUTED);
        axis.setTickLabelFont(new Font(FONT, Font.PLAIN, 11));
        axis.setTickLabelPaint(MUTED);
    }

    static ValueMarker marker(double value, String label, org.jfree.chart.ui.RectangleAnchor anchor, TextAnchor text) {
        ValueMarker m = new ValueMarker(value, BUDGET,
                new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[]{5f, 4f}, 0f));
        m.setLabel(label);
        m.setLabelFont(new Font(FONT, Font.PLAIN, 11));
        m.setLabelPaint(BUDGET);
        m.setLabelBackgroundColor(new Color(255, 255, 255, 0));
        m.setLabelAnchor(anchor);
        m.setLabelTextAnchor(text);
        return m;
    }

    static DecimalFormat decimals(int n) {
        DecimalFormat f = new DecimalFormat(n == 0 ? "#,##0" : "#,##0." + "0".repeat(n), DecimalFormatSymbols.getInstance(Locale.ROOT));
        return f;
    }
}
