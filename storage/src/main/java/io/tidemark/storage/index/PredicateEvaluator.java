package io.tidemark.storage.index;

import io.tidemark.common.RegexInterruption;
import io.tidemark.storage.api.TagFilter;
import io.tidemark.storage.api.TagFilter.And;
import io.tidemark.storage.api.TagFilter.Eq;
import io.tidemark.storage.api.TagFilter.NotEq;
import io.tidemark.storage.api.TagFilter.NotRegex;
import io.tidemark.storage.api.TagFilter.Or;
import io.tidemark.storage.api.TagFilter.Regex;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.roaringbitmap.RoaringBitmap;

/**
 * Evaluates a {@link TagFilter} over one measurement's postings, following InfluxDB's
 * {@code MeasurementSeriesByExprIterator}: equality reads one value's postings, a regular expression is tried on
 * the tag key's values (never on the series) and the postings of those that match are united, and the complement
 * is taken against the measurement's series where the operator calls for it. A regular expression that matches
 * only a few literal values ({@link LiteralAlternatives}) has those values looked up instead. The result may hold series added or
 * deleted while it ran; {@link SeriesIndex#select} masks those. Not thread-safe: one per evaluation.
 */
final class PredicateEvaluator {
    private final MeasurementEntry measurement;
    private RoaringBitmap all;
    private byte[] scratch = new byte[64];
    private final AsciiChars ascii = new AsciiChars();

    PredicateEvaluator(MeasurementEntry measurement) {
        this.measurement = measurement;
    }

    /** A bitmap the caller owns. */
    RoaringBitmap evaluate(TagFilter p) {
        return switch (p) {
            case Eq e -> e.value().isEmpty()
                    ? RoaringBitmap.andNot(all(), withKey(e.key()))
                    : postings(e.key(), e.value());
            case NotEq e -> e.value().isEmpty()
                    ? withKey(e.key())
                    : RoaringBitmap.andNot(all(), postings(e.key(), e.value()));
            case Regex r -> regex(r.key(), r.pattern(), true);
            case NotRegex r -> regex(r.key(), r.pattern(), false);
            case And a -> {
                RoaringBitmap left = evaluate(a.left());
                if (!left.isEmpty()) {
                    left.and(evaluate(a.right()));
                }
                yield left;
            }
            case Or o -> {
                RoaringBitmap left = evaluate(o.left());
                left.or(evaluate(o.right()));
                yield left;
            }
        };
    }

    private RoaringBitmap all() {
        if (all == null) {
            all = measurement.series();
        }
        return all;
    }

    private TagKeyEntry tagKey(String key) {
        return measurement.findTagKey(KeyEscapes.escapeTag(key));
    }

    private RoaringBitmap withKey(String key) {
        TagKeyEntry t = tagKey(key);
        return t == null ? new RoaringBitmap() : t.withKey();
    }

    private RoaringBitmap postings(String key, String value) {
        TagKeyEntry t = tagKey(key);
        if (t == null) {
            return new RoaringBitmap();
        }
        byte[] v = KeyEscapes.escapeTag(value);
        int id = t.values.find(v, 0, v.length);
        return id < 0 ? new RoaringBitmap() : t.postings(id);
    }

    /**
     * {@code =~} when {@code matches}, else {@code !~}. With {@code re} matching the empty string, a series
     * without the key counts as matching, so the result is built from the values that do not match.
     */
    private RoaringBitmap regex(String key, Pattern re, boolean matches) {
        List<String> literals = LiteralAlternatives.of(re);
        if (literals != null) {
            // None is empty, so the pattern does not match a series without the key.
            RoaringBitmap union = new RoaringBitmap();
            TagKeyEntry t = tagKey(key);
            for (int i = 0; t != null && i < literals.size(); i++) {
                byte[] v = KeyEscapes.escapeTag(literals.get(i));
                int id = t.values.find(v, 0, v.length);
                if (id >= 0) {
                    t.orPostings(id, union);
                }
            }
            return matches ? union : RoaringBitmap.andNot(all(), union);
        }
        boolean matchesEmpty = re.matcher("").find();
        boolean unionOfMatching = !matchesEmpty;
        boolean complement = matches == matchesEmpty;
        RoaringBitmap union = new RoaringBitmap();
        TagKeyEntry t = tagKey(key);
        if (t != null) {
            Matcher m = re.matcher("");
            ByteDictionary values = t.values;
            int n = values.size();
            for (int v = 0; v < n; v++) {
                if (matches(m, values, v) == unionOfMatching) {
                    t.orPostings(v, union);
                }
            }
        }
        return complement ? RoaringBitmap.andNot(all(), union) : union;
    }

    private boolean matches(Matcher m, ByteDictionary values, int valueId) {
        // Fast path: a plain ASCII value is matched where it lies in the arena.
        byte[][] pages = values.arenaPages();
        int ref = values.ref(valueId);
        byte[] page = pages[ByteArena.page(ref)];
        long packed = Varint.read(page, ByteArena.offset(ref));
        int len = Varint.value(packed);
        int start = Varint.next(packed);
        if (AsciiChars.isPlainAscii(page, start, len)) {
            return m.reset(ascii.set(page, start, len)).find();
        }
        // Slow path: unescape a copy, in place (unescaping never writes ahead of where it reads).
        if (scratch.length < len) {
            scratch = new byte[Math.max(len, scratch.length * 2)];
        }
        System.arraycopy(page, start, scratch, 0, len);
        int n = KeyEscapes.unescapeTag(scratch, 0, len, scratch);
        return m.reset(RegexInterruption.interruptible(new String(scratch, 0, n, StandardCharsets.UTF_8))).find();
    }
}
