package dcplan.report;

import dcplan.model.Quarter;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.CategoryStepRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.HorizontalAlignment;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The charts of contract version 2 (commitments and cash timing), drawn like {@link ReportCharts}'
 * and with its styling: a Gantt-like commitments timeline per site, cash paid per quarter against
 * the year's budget, and the servers a ban strands in a what-if.
 */
final class CommitmentCharts {
    static final Color CONSTRUCTION = new Color(0xf8c89b);
    static final Color ORDERED = new Color(0xb8cde3);
    static final Color HELD_WAITING = new Color(0xc9ced6);
    static final Color HELD_ARRIVED = new Color(0x6b7280);

    private CommitmentCharts() {
    }

    /**
     * One site's commitments: for each build a light bar over its construction quarters and a
     * full one on the quarter its MW are ready (labelled with the MW); for each order a light bar
     * over its lead time and a full one on the quarter the servers arrive (labelled with their
     * number). Commitments kept from the baseline are grey; {@code decidedUntil} (null: none) is
     * a dashed line.
     */
    static JFreeChart timeline(String site, CommitmentTimeline t, Quarter decidedUntil) {
        List<String> rows = t.rows(site);
        Map<String, XYIntervalSeries> series = new LinkedHashMap<>();
        Map<String, Color> colors = new LinkedHashMap<>();
        declare(series, colors, "construction", CONSTRUCTION);
        declare(series, colors, "MW ready", ReportCharts.FACILITY);
        declare(series, colors, "order lead time", ORDERED);
        declare(series, colors, "servers installed", ReportCharts.SERVER);
        declare(series, colors, "kept: under way", HELD_WAITING);
        declare(series, colors, "kept: arrived", HELD_ARRIVED);
        Map<String, List<String>> labels = new LinkedHashMap<>();
        for (CommitmentTimeline.Bar b : t.bySite().get(site)) {
            double y = rows.size() - 1 - rows.indexOf(b.row());
            boolean build = b.kind() == CommitmentTimeline.Kind.CONSTRUCTION;
            String waiting = b.held() ? "kept: under way" : build ? "construction" : "order lead time";
            String arrived = b.held() ? "kept: arrived" : build ? "MW ready" : "servers installed";
            if (b.to() > b.from()) {
                series.get(waiting).add(b.from(), b.from(), b.to(), y, y - 0.32, y + 0.32);
                labels.computeIfAbsent(waiting, k -> new ArrayList<>()).add("");
            }
            series.get(arrived).add(b.to(), b.to(), b.to() + 1, y, y - 0.32, y + 0.32);
            labels.computeIfAbsent(arrived, k -> new ArrayList<>()).add(b.label());
        }
        XYIntervalSeriesCollection ds = new XYIntervalSeriesCollection();
        List<Color> paints = new ArrayList<>();
        List<List<String>> itemLabels = new ArrayList<>();
        series.forEach((name, s) -> {
            if (s.getItemCount() > 0) {
                ds.addSeries(s);
                paints.add(colors.get(name));
                itemLabels.add(labels.get(name));
            }
        });
        XYBarRenderer r = new XYBarRenderer();
        r.setUseYInterval(true);
        r.setBarPainter(new StandardXYBarPainter());
        r.setShadowVisible(false);
        r.setDrawBarOutline(true);
        r.setDefaultOutlinePaint(Color.WHITE);
        for (int i = 0; i < paints.size(); i++) {
            r.setSeriesPaint(i, paints.get(i));
        }
        r.setDefaultItemLabelGenerator((dataset, s, item) -> itemLabels.get(s).get(item));
        r.setDefaultItemLabelsVisible(true);
        r.setDefaultItemLabelFont(new Font(ReportCharts.FONT, Font.PLAIN, 8));
        r.setDefaultItemLabelPaint(ReportCharts.INK);
        r.setDefaultPositiveItemLabelPosition(new ItemLabelPosition(ItemLabelAnchor.CENTER, TextAnchor.CENTER));
        // a label wider than its quarter's bar goes beside it rather than nowhere
        r.setPositiveItemLabelPositionFallback(new ItemLabelPosition(ItemLabelAnchor.OUTSIDE3, TextAnchor.CENTER_LEFT));
        NumberAxis x = quarterAxis(t.quarters());
        SymbolAxis y = new SymbolAxis(null, reversed(rows));
        y.setGridBandsVisible(false);
        XYPlot plot = new XYPlot(ds, x, y, r);
        if (decidedUntil != null) {
            int d = decidedUntil.ordinal() - t.quarters().get(0).ordinal();
            plot.addDomainMarker(ReportCharts.marker(d, "decided until " + decidedUntil, RectangleAnchor.TOP_RIGHT,
                    TextAnchor.TOP_LEFT));
        }
        JFreeChart chart = xyChart(plot);
        chart.setTitle(new TextTitle(site, new Font(ReportCharts.FONT, Font.BOLD, 13)));
        chart.getTitle().setPaint(ReportCharts.INK);
        chart.getTitle().setHorizontalAlignment(HorizontalAlignment.LEFT);
        chart.getTitle().setPadding(new RectangleInsets(2, 4, 4, 2));
        return chart;
    }

    private static void declare(Map<String, XYIntervalSeries> series, Map<String, Color> colors, String name, Color c) {
        series.put(name, new XYIntervalSeries(name, false, true)); // in insertion order: the labels follow it
        colors.put(name, c);
    }

    private static String[] reversed(List<String> rows) {
        String[] out = new String[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            out[rows.size() - 1 - i] = rows.get(i);
        }
        return out;
    }

    /** A quarter axis: quarter index i spans [i, i + 1) and its tick reads 'YYQn. */
    private static NumberAxis quarterAxis(List<Quarter> quarters) {
        NumberAxis x = new NumberAxis(null);
        x.setRange(0, quarters.size() + 0.9); // room for a label beside a bar in the last quarter
        x.setTickUnit(new NumberTickUnit(1));
        x.setNumberFormatOverride(new NumberFormat() {
            @Override
            public StringBuffer format(double v, StringBuffer b, FieldPosition p) {
                int i = (int) Math.round(v);
                return b.append(i >= 0 && i < quarters.size() && Math.abs(v - i) < 1e-6
                        ? ReportCharts.shortQuarter(quarters.get(i)) : "");
            }

            @Override
            public StringBuffer format(long v, StringBuffer b, FieldPosition p) {
                return format((double) v, b, p);
            }

            @Override
            public Number parse(String source, ParsePosition p) {
                return null;
            }
        });
        x.setVerticalTickLabels(true);
        return x;
    }

    private static JFreeChart xyChart(XYPlot plot) {
        JFreeChart chart = new JFreeChart(null, new Font(ReportCharts.FONT, Font.BOLD, 14), plot, true);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlineVisible(false);
        plot.setDomainGridlinePaint(ReportCharts.GRID);
        plot.setRangeGridlinesVisible(false);
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        ReportCharts.style(plot.getDomainAxis());
        ReportCharts.style(plot.getRangeAxis());
        plot.getDomainAxis().setTickLabelFont(new Font(ReportCharts.FONT, Font.PLAIN, 9));
        plot.getRangeAxis().setTickLabelFont(new Font(ReportCharts.FONT, Font.PLAIN, 10));
        plot.getDomainAxis().setAxisLinePaint(ReportCharts.GRID);
        plot.getRangeAxis().setAxisLinePaint(ReportCharts.GRID);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setPadding(new RectangleInsets(4, 4, 4, 8));
        chart.setAntiAlias(true);
        if (chart.getLegend() != null) {
            chart.getLegend().setFrame(BlockBorder.NONE);
            chart.getLegend().setPosition(RectangleEdge.BOTTOM);
            chart.getLegend().setItemFont(new Font(ReportCharts.FONT, Font.PLAIN, 10));
            chart.getLegend().setItemPaint(ReportCharts.INK);
        }
        return chart;
    }

    /**
     * Cash paid per quarter, servers and facility construction stacked, with the cash paid so far
     * in the year (line) against the year's budget (dashed steps; absent for unlimited years).
     */
    static JFreeChart cashByQuarter(List<Quarter> quarters, ReportData.Cash cash, java.util.function.IntFunction<Double> budget) {
        DefaultCategoryDataset bars = new DefaultCategoryDataset();
        DefaultCategoryDataset ytd = new DefaultCategoryDataset();
        DefaultCategoryDataset limit = new DefaultCategoryDataset();
        double soFar = 0;
        for (int q = 0; q < quarters.size(); q++) {
            String label = quarters.get(q).toString();
            if (q == 0 || quarters.get(q).year() != quarters.get(q - 1).year()) {
                soFar = 0;
            }
            soFar += cash.total(q);
            bars.addValue(cash.servers()[q] / 1e6, "servers", label);
            bars.addValue(cash.facility()[q] / 1e6, "facility construction", label);
            ytd.addValue(soFar / 1e6, "paid so far in the year", label);
            Double b = budget.apply(quarters.get(q).year());
            limit.addValue(b == null ? null : b / 1e6, "the year's budget", label);
        }
        CategoryPlot plot = ReportCharts.stackedPlot(bars, "USD M (cash paid)");
        plot.getRenderer().setSeriesPaint(0, ReportCharts.SERVER);
        plot.getRenderer().setSeriesPaint(1, ReportCharts.FACILITY);
        LineAndShapeRenderer line = new LineAndShapeRenderer(true, true);
        line.setSeriesPaint(0, ReportCharts.INK);
        line.setSeriesStroke(0, new BasicStroke(1.8f));
        line.setSeriesShape(0, new java.awt.geom.Ellipse2D.Double(-3, -3, 6, 6));
        plot.setDataset(1, ytd);
        plot.setRenderer(1, line);
        CategoryStepRenderer step = new CategoryStepRenderer(true);
        step.setSeriesPaint(0, ReportCharts.BUDGET);
        step.setSeriesStroke(0, new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[]{6f, 4f}, 0f));
        plot.setDataset(2, limit);
        plot.setRenderer(2, step);
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
        plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        return ReportCharts.chart(plot);
    }

    /** Servers stranded (idle under a ban) per quarter, stacked by site. */
    static JFreeChart stranded(List<Quarter> quarters, Map<String, int[]> bySite) {
        DefaultCategoryDataset ds = new DefaultCategoryDataset();
        bySite.forEach((site, servers) -> {
            for (int q = 0; q < quarters.size(); q++) {
                ds.addValue(servers[q], site, quarters.get(q).toString());
            }
        });
        CategoryPlot plot = ReportCharts.stackedPlot(ds, "servers idle under a ban");
        ReportCharts.palette(plot, ReportCharts.PALETTE);
        plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        ((NumberAxis) plot.getRangeAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        return ReportCharts.chart(plot);
    }
}
