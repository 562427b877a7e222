package io.tidemark.influxql.parser;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.tidemark.influxql.ParseException;
import io.tidemark.influxql.ast.Statement;

/**
 * The keyword prefixes that select a statement parser ({@code SHOW TAG VALUES}, {@code CREATE RETENTION POLICY}, ...).
 * The order in which alternatives are registered is the order InfluxDB lists them in
 * {@code found X, expected SELECT, DELETE, SHOW, ...} errors, so registration order is part of the contract.
 *
 * <p>Built once, then immutable; thread-safe after construction.
 */
final class StatementTree {
    /** Parses the rest of a statement after its keyword prefix was consumed. */
    @FunctionalInterface
    interface Handler {
        Statement parse(StatementParser p) throws ParseException;
    }

    private final Map<Token, StatementTree> subtrees = new EnumMap<>(Token.class);
    private final Map<Token, Handler> handlers = new EnumMap<>(Token.class);
    private final List<String> keys = new ArrayList<>();

    /** The subtree for a keyword prefix, created on first use. */
    StatementTree group(Token... tokens) {
        StatementTree t = this;
        for (Token tok : tokens) {
            StatementTree sub = t.subtrees.get(tok);
            if (sub == null) {
                if (t.handlers.containsKey(tok)) {
                    throw new IllegalStateException("BUG: conflict for token " + tok);
                }
                sub = new StatementTree();
                t.subtrees.put(tok, sub);
                t.keys.add(tok.text());
            }
            t = sub;
        }
        return t;
    }

    void handle(Token tok, Handler handler) {
        if (subtrees.containsKey(tok) || handlers.containsKey(tok)) {
            throw new IllegalStateException("BUG: conflict for token " + tok);
        }
        handlers.put(tok, handler);
        keys.add(tok.text());
    }

    Statement parse(StatementParser p, TokenStream in) throws ParseException {
        StatementTree t = this;
        while (true) {
            Lexeme l = in.scanIgnoreWhitespace();
            StatementTree sub = t.subtrees.get(l.token());
            if (sub != null) {
                t = sub;
                continue;
            }
            Handler h = t.handlers.get(l.token());
            if (h != null) {
                return h.parse(p);
            }
            throw TerminalParser.unexpected(l, List.copyOf(t.keys));
        }
    }
}
