package io.tidemark.storage.encoding;

import java.util.Arrays;

/**
 * Writes unsigned 64-bit values (zig-zag deltas) as a canonical Huffman code of their {@link HuffmanAlphabet}
 * symbols, the code table first: the bit stream of the Huffman-coded encodings (layout in {@code docs/format/tsm.md}).
 * The code is built per call from the values' own frequencies, so a column pays for its table (a few bytes) and
 * nothing for values it does not have. Code lengths are limited to {@link HuffmanAlphabet#MAX_CODE_LENGTH} by halving
 * the frequencies until the tree is shallow enough. Not thread-safe: keeps scratch arrays; one per encoder.
 */
final class HuffmanMagnitudeEncoder {
    private static final int SYMBOLS = HuffmanAlphabet.SYMBOLS;
    /** Bits of a symbol's number below its weight in {@link #weightThenSymbol}; a weight is a count of values. */
    private static final int SYMBOL_SHIFT = 8;
    private static final long SYMBOL_MASK = (1L << SYMBOL_SHIFT) - 1;

    private final int[] frequencies = new int[SYMBOLS];
    private final byte[] lengths = new byte[SYMBOLS];
    private final int[] codes = new int[SYMBOLS];
    private final HuffmanAlphabet.CodeSink keepCode = (symbol, length, code) -> codes[symbol] = code;
    /** The used symbols, by increasing (possibly halved) frequency. */
    private final int[] sorted = new int[SYMBOLS];
    /** {@link #sortByWeight}'s keys: a symbol's weight above its number. */
    private final long[] weightThenSymbol = new long[SYMBOLS];
    private final long[] scaled = new long[SYMBOLS];
    /** Tree nodes: leaves 0..used-1 in {@link #sorted} order, then internal nodes in creation order. */
    private final long[] weights = new long[2 * SYMBOLS];
    private final int[] parents = new int[2 * SYMBOLS];
    private final int[] depths = new int[2 * SYMBOLS];
    private long extraBits;
    private int first;
    private int last;
    private int maxLength;

    /** The number of bits {@link #write} appends for the same values (table, codes, extra bits); count >= 1. */
    long sizeInBits(long[] values, int from, int count) {
        build(values, from, count);
        long bits = tableBits() + extraBits;
        for (int s = first; s <= last; s++) {
            bits += (long) frequencies[s] * lengths[s];
        }
        return bits;
    }

    /** Appends the code table and the codes of {@code values[from, from + count)}; count >= 1. */
    void write(long[] values, int from, int count, BitWriter out) {
        build(values, from, count);
        writeBuilt(values, from, count, out);
    }

    /**
     * {@link #write} with the code of the last {@link #sizeInBits} call, which must have been for these very values
     * (same array contents, from and count): saves building the same code again for the encoding that sizing chose.
     */
    void writeBuilt(long[] values, int from, int count, BitWriter out) {
        writeTable(out);
        for (int i = from, end = from + count; i < end; i++) {
            long v = values[i];
            int s = HuffmanAlphabet.symbol(v);
            out.write(codes[s], lengths[s]);
            int extra = HuffmanAlphabet.extraBits(s);
            if (extra > 0) {
                out.write(v, extra);
            }
        }
    }

    private void build(long[] values, int from, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("BUG: a Huffman code needs at least one value, not " + count);
        }
        Arrays.fill(frequencies, 0);
        long extra = 0;
        for (int i = from, end = from + count; i < end; i++) {
            int s = HuffmanAlphabet.symbol(values[i]);
            frequencies[s]++;
            extra += HuffmanAlphabet.extraBits(s);
        }
        extraBits = extra;
        // One pass over all symbols rather than loops that stop at the first used one: the JIT compiled those exits
        // for the first columns' symbols, and another column's hit an uncommon trap that threw the compiled encoder
        // away (JFR deoptimization events of a benchmark load).
        int lowest = SYMBOLS;
        int highest = -1;
        for (int s = 0; s < SYMBOLS; s++) {
            boolean used = frequencies[s] != 0;
            lowest = used ? Math.min(lowest, s) : lowest;
            highest = used ? s : highest;
        }
        first = lowest;
        last = highest;
        computeLengths();
        HuffmanAlphabet.assignCanonicalCodes(lengths, first, last, maxLength, keepCode);
    }

    /** Huffman code lengths of the used symbols, at most {@link HuffmanAlphabet#MAX_CODE_LENGTH}. */
    private void computeLengths() {
        Arrays.fill(lengths, (byte) 0);
        int used = 0;
        for (int s = first; s <= last; s++) {
            if (frequencies[s] > 0) {
                scaled[s] = frequencies[s];
                sorted[used++] = s;
            }
        }
        if (used == 1) {
            // One symbol still needs a code a decoder can read: one bit.
            lengths[sorted[0]] = (byte) 1;
            maxLength = 1;
            return;
        }
        while (true) {
            sortByWeight(used);
            int deepest = treeDepths(used);
            if (deepest <= HuffmanAlphabet.MAX_CODE_LENGTH) {
                for (int k = 0; k < used; k++) {
                    lengths[sorted[k]] = (byte) depths[k];
                }
                maxLength = deepest;
                return;
            }
            // Flatter frequencies make a shallower tree; all ones give a balanced one of depth 7 at most.
            for (int k = 0; k < used; k++) {
                scaled[sorted[k]] = Math.max(1, scaled[sorted[k]] >>> 1);
            }
        }
    }

    /**
     * Sorts {@code sorted[0, used)} by (weight, symbol), at most {@link #SYMBOLS} entries, as one sort of longs: an
     * insertion sort here failed the JIT's loop-limit check in a benchmark load (JFR deoptimization events), which
     * threw the whole compiled encoder away; the library's sort is compiled on its own.
     */
    private void sortByWeight(int used) {
        for (int k = 0; k < used; k++) {
            weightThenSymbol[k] = scaled[sorted[k]] << SYMBOL_SHIFT | sorted[k];
        }
        Arrays.sort(weightThenSymbol, 0, used);
        for (int k = 0; k < used; k++) {
            sorted[k] = (int) (weightThenSymbol[k] & SYMBOL_MASK);
        }
    }

    /**
     * Builds the Huffman tree with two queues (leaves in weight order, internal nodes in creation order, whose
     * weights never decrease), fills {@link #depths} and returns the depth of the deepest leaf.
     */
    private int treeDepths(int used) {
        for (int k = 0; k < used; k++) {
            weights[k] = scaled[sorted[k]];
        }
        int leaf = 0;
        int inner = used;
        int next = used;
        while (next < 2 * used - 1) {
            int a = leaf < used && (inner == next || weights[leaf] <= weights[inner]) ? leaf++ : inner++;
            int b = leaf < used && (inner == next || weights[leaf] <= weights[inner]) ? leaf++ : inner++;
            weights[next] = weights[a] + weights[b];
            parents[a] = next;
            parents[b] = next;
            next++;
        }
        int root = next - 1;
        depths[root] = 0;
        // A parent is always created after its children, so it has a larger index.
        for (int node = root - 1; node >= 0; node--) {
            depths[node] = depths[parents[node]] + 1;
        }
        int deepest = 0;
        for (int k = 0; k < used; k++) {
            deepest = Math.max(deepest, depths[k]);
        }
        return deepest;
    }

    /** The bits {@link #writeTable} writes, its runs of unused symbols cut by the same {@link #unusedRun}. */
    private long tableBits() {
        long bits = 2 * HuffmanAlphabet.SYMBOL_BITS;
        for (int s = first; s <= last; ) {
            if (lengths[s] > 0) {
                bits += HuffmanAlphabet.LENGTH_BITS;
                s++;
            } else {
                bits += HuffmanAlphabet.LENGTH_BITS + HuffmanAlphabet.RUN_BITS;
                s += 1 + unusedRun(s);
            }
        }
        return bits;
    }

    private void writeTable(BitWriter out) {
        out.write(first, HuffmanAlphabet.SYMBOL_BITS);
        out.write(last, HuffmanAlphabet.SYMBOL_BITS);
        for (int s = first; s <= last; ) {
            if (lengths[s] > 0) {
                out.write(lengths[s], HuffmanAlphabet.LENGTH_BITS);
                s++;
            } else {
                int run = unusedRun(s);
                out.write(0, HuffmanAlphabet.LENGTH_BITS);
                out.write(run, HuffmanAlphabet.RUN_BITS);
                s += 1 + run;
            }
        }
    }

    /** How many unused symbols follow the unused symbol {@code s}, at most {@link HuffmanAlphabet#MAX_RUN}. */
    private int unusedRun(int s) {
        // The last symbol is used, so the scan stops before it.
        int run = 0;
        while (run < HuffmanAlphabet.MAX_RUN && lengths[s + 1 + run] == 0) {
            run++;
        }
        return run;
    }
}
