package io.tidemark.storage.api;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A condition on the tags of a series, as in an InfluxQL {@code WHERE} clause, for
 * {@link ShardIndexReader#selectSeries} and evaluated by the storage engine's series index. Keys and values are unescaped, as users write them. The semantics are
 * InfluxDB 1.x's, which amount to reading a tag a series does not have as the empty string:
 * <ul>
 *   <li>{@code key = ''} matches the series without the key; {@code key != ''} those with it;</li>
 *   <li>{@code key != 'v'} matches the series without the key too;</li>
 *   <li>{@code key =~ /re/} matches the series whose value contains a match of {@code re} (unanchored, as Go's
 *       {@code MatchString}, that is {@link java.util.regex.Matcher#find()}), plus those without the key when
 *       {@code re} matches the empty string; {@code key !~ /re/} is its complement within the measurement.</li>
 * </ul>
 * A remote shard receives the pattern's source text; the caller translates InfluxQL's RE2 syntax into a
 * {@link Pattern} before building the filter. Immutable and thread-safe.
 */
public sealed interface TagFilter {

    /** {@code key = 'value'}. */
    record Eq(String key, String value) implements TagFilter {
        public Eq {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }
    }

    /** {@code key != 'value'}. */
    record NotEq(String key, String value) implements TagFilter {
        public NotEq {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }
    }

    /** {@code key =~ /pattern/}. */
    record Regex(String key, Pattern pattern) implements TagFilter {
        public Regex {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(pattern, "pattern");
        }

        public Regex(String key, String regex) {
            this(key, Pattern.compile(regex));
        }
    }

    /** {@code key !~ /pattern/}. */
    record NotRegex(String key, Pattern pattern) implements TagFilter {
        public NotRegex {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(pattern, "pattern");
        }

        public NotRegex(String key, String regex) {
            this(key, Pattern.compile(regex));
        }
    }

    /** Both. */
    record And(TagFilter left, TagFilter right) implements TagFilter {
        public And {
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }
    }

    /** Either. */
    record Or(TagFilter left, TagFilter right) implements TagFilter {
        public Or {
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }
    }
}
