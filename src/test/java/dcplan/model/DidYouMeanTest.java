package dcplan.model;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The one likely name for a misspelt key or id, or none when nothing is close or two are equally close. */
class DidYouMeanTest {
    static final List<String> SITE_KEYS = List.of("id", "name", "country", "jurisdiction", "latency_ms", "existing_it_mw",
            "max_it_mw", "expansion_usd_per_mw", "expansion_ready", "electricity_usd_per_mwh", "pue", "existing_servers");

    @Test
    void typosSwapsAndMissingLettersFindTheName() {
        assertEquals(Optional.of("pue"), DidYouMean.closest("peu", SITE_KEYS), "swap");
        assertEquals(Optional.of("max_it_mw"), DidYouMean.closest("max_it_mwh", SITE_KEYS), "extra letter");
        assertEquals(Optional.of("brazil"), DidYouMean.closest("brasil", List.of("brazil", "china", "france")));
        assertEquals(Optional.of("BR"), DidYouMean.closest("br", List.of("BR", "CN")), "case");
        assertEquals(Optional.of("llm-chat"), DidYouMean.closest("chat", List.of("llm-chat", "llm-batch", "recsys")), "a word of it");
    }

    @Test
    void nothingFarOffOrAmbiguousIsSuggested() {
        assertEquals(Optional.empty(), DidYouMean.closest("colour", SITE_KEYS));
        assertEquals(Optional.empty(), DidYouMean.closest("2031", List.of("scale", "2026", "2027", "2028")), "two edits in four letters");
        assertEquals(Optional.empty(), DidYouMean.closest("US", List.of("BR", "CN", "DE", "FR")));
        assertEquals(Optional.empty(), DidYouMean.closest("usd", SITE_KEYS), "a word of two names");
        assertEquals(Optional.empty(), DidYouMean.closest("", SITE_KEYS));
    }

    @Test
    void theMessageListsTheValidNamesSortedAfterTheSuggestion() {
        assertEquals("unknown region 'brasil', did you mean 'brazil'? (valid: brazil, china, france)",
                DidYouMean.unknown("region", "brasil", List.of("france", "brazil", "china")));
        assertEquals("unknown key 'x' (valid: b, a; note)", DidYouMean.unknown("key", "x", List.of("b", "a"), "; note"));
    }
}
