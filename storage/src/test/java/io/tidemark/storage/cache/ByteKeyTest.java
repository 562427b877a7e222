package io.tidemark.storage.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ByteKeyTest {
    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());

    @Test
    void equalBytesAreEqualKeysWhereverTheyLie() {
        SplittableRandom rnd = new SplittableRandom(SEED);
        for (int len = 0; len < 40; len++) {
            byte[] key = new byte[len];
            rnd.nextBytes(key);
            ByteKey owned = ByteKey.copyOf(key, 0, len);
            for (int pad = 0; pad < 9; pad++) {
                byte[] shifted = new byte[pad + len + 3];
                rnd.nextBytes(shifted);
                System.arraycopy(key, 0, shifted, pad, len);
                ByteKey probe = ByteKey.probe().set(shifted, pad, len);
                assertThat(probe).as("length %d at %d, seed %d", len, pad, SEED).isEqualTo(owned);
                assertThat(probe.hashCode()).isEqualTo(owned.hashCode());
            }
        }
    }

    @Test
    void keysThatDifferInOneByteOrInLengthRarelyShareAHash() {
        // Series keys differ in a tag value, often one digit: the hash must see every byte, the tail's too.
        byte[] base = "cpu,hostname=host_0000,region=eu-west-1,rack=7".getBytes();
        Set<Integer> hashes = new HashSet<>();
        int keys = 0;
        for (int at = 0; at < base.length; at++) {
            for (int v = 0; v < 256; v += 17) {
                byte[] k = base.clone();
                k[at] = (byte) v;
                hashes.add(ByteKey.copyOf(k, 0, k.length).hashCode());
                keys++;
            }
        }
        for (int len = 0; len <= base.length; len++) {
            hashes.add(ByteKey.copyOf(base, 0, len).hashCode());
            keys++;
        }
        assertThat(keys - hashes.size()).as("collisions among %d keys", keys).isLessThan(3);
    }
}
