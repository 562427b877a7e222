package io.tidemark.query.select;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The GROUP BY tags of an output series as a map over two lists: the statement's tag keys, sorted and shared by all
 * its groups, and the group's values. A statement grouping 100,000 series by all ten of their tags held a hash map
 * per group, about a kilobyte of entries each, which alone took most of {@code max-query-memory}.
 *
 * <p>Immutable (the lists must not change); thread-safe. Iterates in key order; equal to any map of the same entries.
 */
final class TagMap extends AbstractMap<String, String> {
    private final List<String> keys;
    private final List<String> values;

    TagMap(List<String> keys, List<String> values) {
        if (keys.size() != values.size()) {
            throw new IllegalArgumentException(keys.size() + " tag keys for " + values.size() + " values");
        }
        this.keys = keys;
        this.values = values;
    }

    @Override
    public int size() {
        return keys.size();
    }

    @Override
    public boolean containsKey(Object key) {
        return keys.contains(key);
    }

    @Override
    public String get(Object key) {
        int i = keys.indexOf(key);
        return i < 0 ? null : values.get(i);
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return keys.size();
            }

            @Override
            public Iterator<Entry<String, String>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < keys.size();
                    }

                    @Override
                    public Entry<String, String> next() {
                        if (next >= keys.size()) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return Map.entry(keys.get(i), values.get(i));
                    }
                };
            }
        };
    }
}
