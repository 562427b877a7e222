package io.tidemark.storage.index;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A condition on the tags of a series, as in an InfluxQL {@code WHERE} clause, evaluated by
 * {@link SeriesIndex#select}. Keys and values are unescaped, as users write them. The semantics are InfluxDB
 * 1.x's, which amount to reading a tag a series does not have as the empty string:
 * <ul>
 *   <li>{@code key = ''} matches the series without the key; {@code key != ''} those with it;</li>
 *   <li>{@code key != 'v'} matches the series without the key too;</li>
 *   <li>{@code key =~ /re/} matches the series whose value contains a match of {@code re} (unanchored, as Go's
 *       {@code MatchString}), plus those without the key when {@code re} matches the empty string;
 *       {@code key !~ /re/} is its complement within the measurement.</li>
 * </ul>
 * Regular expressions are {@link Pattern}s; InfluxQL's are RE2 syntax, which {@code java.util.regex} accepts for the
 * constructs both share. Immutable and thread-safe.
 */
public sealed interface TagPredicate {

    /** {@code key = 'value'}. */
    record Eq(String key, String value) implements TagPredicate {
        public Eq {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }
    }

    /** {@code key != 'value'}. */
    record NotEq(String key, String value) implements TagPredicate {
        public NotEq {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }
    }

    /** {@code key =~ /pattern/}. */
    record Regex(String key, Pattern pattern) implements TagPredicate {
        public Regex {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(pattern, "pattern");
        }

        public Regex(String key, String regex) {
            this(key, Pattern.compile(regex));
        }
    }

    /** {@code key !~ /pattern/}. */
    record NotRegex(String key, Pattern pattern) implements TagPredicate {
        public NotRegex {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(pattern, "pattern");
        }

        public NotRegex(String key, String regex) {
            this(key, Pattern.compile(regex));
        }
    }

    /** Both. */
    record And(TagPredicate left, TagPredicate right) implements TagPredicate {
        public And {
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }
    }

    /** Either. */
    record Or(TagPredicate left, TagPredicate right) implements TagPredicate {
        public Or {
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }
    }
}
