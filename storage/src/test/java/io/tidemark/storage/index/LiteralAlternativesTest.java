package io.tidemark.storage.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class LiteralAlternativesTest {
    @Test
    void grafanasMultiValueVariablesAreLiterals() {
        assertThat(LiteralAlternatives.of(Pattern.compile("^(host_1|host_22|web\\.example)\\z", Pattern.UNIX_LINES)))
                .containsExactly("host_1", "host_22", "web.example");
        assertThat(LiteralAlternatives.of(Pattern.compile("^(?:a b|c,d)\\z"))).containsExactly("a b", "c,d");
        assertThat(LiteralAlternatives.of(Pattern.compile("^x\\\\y\\z"))).containsExactly("x\\y");
    }

    @Test
    void anythingMoreIsNot() {
        for (String p : new String[] {"^a|b\\z", "^(a|)\\z", "^(a)|(b)\\z", "^a$", "^a", "a\\z", "^a.\\z",
            "^(a|b)+\\z", "^\\d\\z", "^(?i)(a|b)\\z", "^()\\z", "^[ab]\\z"}) {
            assertThat(LiteralAlternatives.of(Pattern.compile(p))).as(p).isNull();
        }
        assertThat(LiteralAlternatives.of(Pattern.compile("^a\\z", Pattern.CASE_INSENSITIVE))).isNull();
    }
}
