package io.tidemark.storage.encoding;

/**
 * The symbols of the Huffman-coded encodings ({@link Encoding#LONG_DELTA_HUFFMAN},
 * {@link Encoding#LONG_DELTA_OF_DELTA_HUFFMAN}, {@link Encoding#FLOAT_DELTA_HUFFMAN}) and how their canonical codes
 * are assigned. An unsigned 64-bit value {@code v} (a zig-zag delta) is one symbol: values 0 to 15 are their own
 * symbol (the deltas of slowly moving integers are mostly there, and each gets a code of its own); a larger value of
 * bit width {@code w} (5 to 64) is symbol {@code 16 + w - 5}, followed by its {@code w - 1} bits below the top one,
 * which is implied. So any value can be coded, and a code table has at most {@value #SYMBOLS} entries. Stateless.
 */
final class HuffmanAlphabet {
    /** Values below this are their own symbol. */
    static final int DIRECT = 16;
    /** Symbols 0 to 15 for values 0 to 15, then one per bit width 5 to 64. */
    static final int SYMBOLS = DIRECT + 60;
    /** Code lengths are limited so that a decoder's lookup table has at most 2^12 entries. */
    static final int MAX_CODE_LENGTH = 12;
    /** Width of the first and last symbol fields of a code table. */
    static final int SYMBOL_BITS = 7;
    /** Width of a code length in a code table; 0 means the symbol is not used. */
    static final int LENGTH_BITS = 4;
    /** Width of the count of further unused symbols after an unused one in a code table. */
    static final int RUN_BITS = 6;
    static final int MAX_RUN = (1 << RUN_BITS) - 1;

    private HuffmanAlphabet() {
    }

    /** The symbol of an unsigned value. */
    static int symbol(long v) {
        if (Long.compareUnsigned(v, DIRECT) < 0) {
            return (int) v;
        }
        return DIRECT - 5 + 64 - Long.numberOfLeadingZeros(v);
    }

    /** How many bits follow the code of {@code symbol}: its width less the implied top bit, 0 for direct values. */
    static int extraBits(int symbol) {
        return symbol < DIRECT ? 0 : symbol - (DIRECT - 4);
    }

    /** Receives the canonical code of a symbol. */
    @FunctionalInterface
    interface CodeSink {
        void code(int symbol, int length, int code);
    }

    /**
     * Canonical code assignment (as in DEFLATE, RFC 1951 section 3.2.2): codes of one length are consecutive in symbol
     * order, shorter codes first. {@code lengths} must satisfy the Kraft inequality and be zero outside
     * {@code [first, last]}; {@code sink} gets the code of every symbol of nonzero length, the encoder to keep it and
     * the decoder to fill its lookup table.
     */
    static void assignCanonicalCodes(byte[] lengths, int first, int last, int maxLength, CodeSink sink) {
        int code = 0;
        for (int length = 1; length <= maxLength; length++) {
            for (int s = first; s <= last; s++) {
                if (lengths[s] == length) {
                    sink.code(s, length, code++);
                }
            }
            code <<= 1;
        }
    }
}
