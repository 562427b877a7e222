package io.tidemark.lineprotocol;

import java.util.SplittableRandom;

/** Random one-character edits of test input, for the fuzz tests. */
final class Mutations {
    private Mutations() {
    }

    /** Replaces, inserts or deletes one character at a random position; never leaves {@code text} empty. */
    static void mutate(StringBuilder text, String alphabet, SplittableRandom rnd) {
        int pos = rnd.nextInt(text.length());
        char c = alphabet.charAt(rnd.nextInt(alphabet.length()));
        switch (rnd.nextInt(3)) {
            case 0 -> text.setCharAt(pos, c);
            case 1 -> text.insert(pos, c);
            default -> text.deleteCharAt(pos);
        }
        if (text.isEmpty()) {
            text.append(c);
        }
    }
}
