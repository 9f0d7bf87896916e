package dcplan.report;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ReportFormatTest {

    @Test
    void usdHasThousandsSeparatorsAndNoDecimalsByDefault() {
        assertEquals("USD 698,556,132", ReportFormat.usd(698_556_131.9097067));
        assertEquals("USD 0", ReportFormat.usd(0.4));
        assertEquals("USD 0", ReportFormat.usd(-0.4), "a value that rounds to zero has no sign");
        assertEquals("USD -1,234", ReportFormat.usd(-1234.2));
        assertEquals("USD 1,234.50", ReportFormat.usd(1234.5, 2));
        assertEquals("USD 1,000,000,000,000", ReportFormat.usd(1e12));
    }

    @Test
    void usdPerMillionKeepsFourDecimals() {
        assertEquals("USD 0.5550", ReportFormat.usdPerMillion(0.5549976931000463));
        assertEquals("USD 1,234.0000", ReportFormat.usdPerMillion(1234.0));
        assertEquals("n/a", ReportFormat.usdPerMillion(null));
        assertEquals("USD 423.8 M", ReportFormat.usdMillions(423_820_000));
    }

    @Test
    void megawattsAndPercentages() {
        assertEquals("12.35 MW", ReportFormat.mw(12.3456));
        assertEquals("1,500.00 MW", ReportFormat.mw(1500));
        assertEquals("80.0 %", ReportFormat.percent(0.8));
        assertEquals("0.81 %", ReportFormat.percent(0.008053029012025537, 2));
        assertEquals("100 %", ReportFormat.percent(0.9996, 0));
    }

    @Test
    void countsAndMissingValues() {
        assertEquals("1,258,664,928,871,663", ReportFormat.count(1258664928871662.8));
        assertEquals("447,454 ips", ReportFormat.ips(447453.89800020965));
        assertEquals("< 1 ips", ReportFormat.ips(3.4924596548080444E-10), "a tiny flow is not shown as 0");
        assertEquals("0 ips", ReportFormat.ips(0));
        assertEquals("1 ips", ReportFormat.ips(0.5));
        assertEquals("n/a", ReportFormat.usd(Double.NaN));
        assertEquals("n/a", ReportFormat.mw(Double.POSITIVE_INFINITY));
        assertEquals("n/a", ReportFormat.percent(Double.NaN));
        assertEquals("unlimited", ReportFormat.budget(null));
        assertEquals("unlimited", ReportFormat.budget(Double.POSITIVE_INFINITY));
        assertEquals("USD 1,600,000,000", ReportFormat.budget(1.6e9));
    }

    @Test
    void summaryNumbersAreReadAsDoublesOrNull() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        assertEquals(0.5, ReportFormat.number(f.numberNode(0.5)));
        assertNull(ReportFormat.number(f.nullNode()));
        assertNull(ReportFormat.number(null));
        assertNull(ReportFormat.number(f.textNode("1.0")));
    }

    @Test
    void formattingIgnoresTheMachineLocale() {
        java.util.Locale before = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.GERMANY);
            assertEquals("USD 1,234.50", ReportFormat.usd(1234.5, 2));
            assertEquals("12.35 MW", ReportFormat.mw(12.3456));
        } finally {
            java.util.Locale.setDefault(before);
        }
    }
}
