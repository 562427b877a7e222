package io.tidemark.influxql.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.tidemark.influxql.ParseException;
import io.tidemark.influxql.ast.BinaryExpr;
import io.tidemark.influxql.ast.BooleanLiteral;
import io.tidemark.influxql.ast.Call;
import io.tidemark.influxql.ast.DataType;
import io.tidemark.influxql.ast.Distinct;
import io.tidemark.influxql.ast.DurationLiteral;
import io.tidemark.influxql.ast.Expr;
import io.tidemark.influxql.ast.InfluxDurations;
import io.tidemark.influxql.ast.IntegerLiteral;
import io.tidemark.influxql.ast.NumberLiteral;
import io.tidemark.influxql.ast.Operator;
import io.tidemark.influxql.ast.ParenExpr;
import io.tidemark.influxql.ast.RegexLiteral;
import io.tidemark.influxql.ast.StringLiteral;
import io.tidemark.influxql.ast.UnsignedLiteral;
import io.tidemark.influxql.ast.VarRef;
import io.tidemark.influxql.ast.Wildcard;

/**
 * Parses expressions: binary operators by precedence climbing over the right spine (left-associative, as InfluxDB),
 * unary minus/plus, parentheses, calls, variable references with casts, literals, wildcards, regexes and bound
 * parameters.
 *
 * <p>Not thread-safe; confined to one parse.
 */
final class ExpressionParser {
    private static final long SIGN_BIT = Long.MIN_VALUE;

    private final TokenStream in;
    private final TerminalParser terms;

    ExpressionParser(TokenStream in, TerminalParser terms) {
        this.in = in;
        this.terms = terms;
    }

    Expr parseExpr() throws ParseException {
        Expr root = parseUnaryExpr();
        while (true) {
            Lexeme opTok = in.scanIgnoreWhitespace();
            if (!opTok.token().isOperator()) {
                in.unscan();
                return root;
            }
            Operator op = toOperator(opTok.token());
            Expr rhs;
            if (op == Operator.EQREGEX || op == Operator.NEQREGEX) {
                rhs = parseRegex();
                if (rhs == null) {
                    throw TerminalParser.unexpected(in.scanIgnoreWhitespace(), "regex");
                }
            } else {
                rhs = parseUnaryExpr();
            }
            root = insert(root, op, rhs);
        }
    }

    /** Attaches {@code op rhs} on the right spine below every operator that binds less tightly than {@code op}. */
    private static Expr insert(Expr node, Operator op, Expr rhs) {
        if (node instanceof BinaryExpr b && b.op().precedence() < op.precedence()) {
            return new BinaryExpr(b.op(), b.lhs(), insert(b.rhs(), op, rhs));
        }
        return new BinaryExpr(op, node, rhs);
    }

    Expr parseUnaryExpr() throws ParseException {
        if (in.scanIgnoreWhitespace().token() == Token.LPAREN) {
            Expr e = parseExpr();
            Lexeme close = in.scanIgnoreWhitespace();
            if (close.token() != Token.RPAREN) {
                throw TerminalParser.unexpected(close, ")");
            }
            return new ParenExpr(e);
        }
        in.unscan();

        Lexeme l = in.scanIgnoreWhitespace();
        switch (l.token()) {
            case IDENT -> {
                if (in.scan().token() == Token.LPAREN) {
                    return parseCall(l.literal());
                }
                in.unscan();
                in.unscan();
                return parseVarRef();
            }
            case DISTINCT -> {
                Lexeme next = in.scan();
                if (next.token() == Token.LPAREN) {
                    return parseCall("distinct");
                } else if (next.token() == Token.WS) {
                    Lexeme id = in.scanIgnoreWhitespace();
                    if (id.token() != Token.IDENT) {
                        throw TerminalParser.unexpected(id, "identifier");
                    }
                    return new Distinct(id.literal());
                }
                throw TerminalParser.unexpected(next, "(", "identifier");
            }
            case STRING -> {
                return new StringLiteral(l.literal());
            }
            case NUMBER -> {
                double v;
                try {
                    v = Double.parseDouble(l.literal());
                } catch (NumberFormatException e) {
                    throw TerminalParser.at("unable to parse number", l.pos());
                }
                if (Double.isInfinite(v)) {
                    throw TerminalParser.at("unable to parse number", l.pos());
                }
                return new NumberLiteral(v);
            }
            case INTEGER -> {
                try {
                    return new IntegerLiteral(Long.parseLong(l.literal()));
                } catch (NumberFormatException e) {
                    // Too large for int64: InfluxDB falls back to an unsigned literal.
                    try {
                        if (!l.literal().startsWith("+") && !l.literal().startsWith("-")) {
                            return new UnsignedLiteral(Long.parseUnsignedLong(l.literal()));
                        }
                    } catch (NumberFormatException e2) {
                        // fall through to the error below
                    }
                    throw TerminalParser.at("unable to parse integer", l.pos());
                }
            }
            case TRUE, FALSE -> {
                return new BooleanLiteral(l.token() == Token.TRUE);
            }
            case DURATIONVAL -> {
                try {
                    return new DurationLiteral(InfluxDurations.parse(l.literal()));
                } catch (IllegalArgumentException e) {
                    // InfluxDB reports this one without a position.
                    throw ParseException.of(e.getMessage());
                }
            }
            case MUL -> {
                if (in.scan().token() == Token.DOUBLECOLON) {
                    Lexeme t = in.scan();
                    return switch (t.token()) {
                        case FIELD -> new Wildcard(DataType.ANY_FIELD);
                        case TAG -> new Wildcard(DataType.TAG);
                        default -> throw TerminalParser.unexpected(t, "field", "tag");
                    };
                }
                in.unscan();
                return Wildcard.ALL;
            }
            case REGEX -> {
                RegexSyntax.check(l.literal(), l.pos());
                return new RegexLiteral(l.literal());
            }
            case BOUNDPARAM -> {
                // A placeholder the stream could not replace: unknown, empty, or bound to an unusable value.
                String key = l.literal().startsWith("$") ? l.literal().substring(1) : l.literal();
                if (key.isEmpty()) {
                    throw ParseException.of("empty bound parameter");
                }
                BoundParameters.Value v = in.params().get(key);
                if (v == null) {
                    throw ParseException.of("missing parameter: " + key);
                }
                throw ParseException.of(v.literal());
            }
            case ADD, SUB -> {
                return parseSigned(l.token() == Token.SUB);
            }
            default -> throw TerminalParser.unexpected(l, "identifier", "string", "number", "bool");
        }
    }

    /** Assumes a leading + or - was consumed. */
    private Expr parseSigned(boolean negative) throws ParseException {
        Lexeme next = in.scanIgnoreWhitespace();
        switch (next.token()) {
            case NUMBER, INTEGER, DURATIONVAL, LPAREN, IDENT -> {
                in.unscan();
                Expr operand = parseUnaryExpr();
                return switch (operand) {
                    case NumberLiteral n -> new NumberLiteral(negative ? -n.value() : n.value());
                    case IntegerLiteral i -> new IntegerLiteral(negative ? -i.value() : i.value());
                    case UnsignedLiteral u -> {
                        if (!negative) {
                            yield u;
                        }
                        // -9223372036854775808 overflows int64 as a positive literal but fits once negated.
                        if (u.value() == SIGN_BIT) {
                            yield new IntegerLiteral(Long.MIN_VALUE);
                        }
                        throw ParseException.of("constant -" + Long.toUnsignedString(u.value())
                                + " underflows int64");
                    }
                    case DurationLiteral d -> new DurationLiteral(negative ? d.value().negated() : d.value());
                    case VarRef v -> new BinaryExpr(Operator.MUL, new IntegerLiteral(negative ? -1 : 1), v);
                    case Call c -> new BinaryExpr(Operator.MUL, new IntegerLiteral(negative ? -1 : 1), c);
                    case ParenExpr p -> new BinaryExpr(Operator.MUL, new IntegerLiteral(negative ? -1 : 1), p);
                    default -> throw new IllegalStateException("BUG: unexpected operand of unary sign: " + operand);
                };
            }
            default -> throw TerminalParser.unexpected(next, "identifier", "number", "duration", "(");
        }
    }

    /** A {@code /regex/} (or a bound parameter holding a regex) if one comes next, else null. */
    RegexLiteral parseRegex() throws ParseException {
        if (Lexer.isWhitespace(in.peekRune())) {
            in.consumeWhitespace();
        }
        int next = in.peekRune();
        if (next == '$') {
            Token t = in.scan().token();
            in.unscan();
            if (t != Token.REGEX) {
                return null;
            }
        } else if (next != '/') {
            return null;
        }
        Lexeme l = in.scanRegex();
        if (l.token() == Token.BADESCAPE) {
            throw TerminalParser.at("bad escape: " + l.literal(), l.pos());
        } else if (l.token() == Token.BADREGEX) {
            throw TerminalParser.at("bad regex: " + l.literal(), l.pos());
        } else if (l.token() != Token.REGEX) {
            throw TerminalParser.unexpected(l, "regex");
        }
        RegexSyntax.check(l.literal(), l.pos());
        return new RegexLiteral(l.literal());
    }

    /** Assumes the function name and {@code (} were consumed. */
    Call parseCall(String rawName) throws ParseException {
        String name = rawName.toLowerCase(Locale.ROOT);
        List<Expr> args = new ArrayList<>();
        RegexLiteral re = parseRegex();
        if (re != null) {
            args.add(re);
        } else {
            if (in.scan().token() == Token.RPAREN) {
                return new Call(name, List.of());
            }
            in.unscan();
            args.add(parseExpr());
        }
        while (true) {
            if (in.scanIgnoreWhitespace().token() != Token.COMMA) {
                in.unscan();
                break;
            }
            re = parseRegex();
            if (re != null) {
                args.add(re);
                continue;
            }
            args.add(parseExpr());
        }
        Lexeme close = in.scan();
        if (close.token() != Token.RPAREN) {
            throw TerminalParser.unexpected(close, ")");
        }
        return new Call(name, args);
    }

    /** {@code a[.b[.c]][::type]}. */
    VarRef parseVarRef() throws ParseException {
        List<String> segments = terms.parseSegmentedIdents();
        DataType type = DataType.UNKNOWN;
        if (in.scan().token() == Token.DOUBLECOLON) {
            Lexeme t = in.scan();
            switch (t.token()) {
                case IDENT -> type = switch (t.literal().toLowerCase(Locale.ROOT)) {
                    case "float" -> DataType.FLOAT;
                    case "integer" -> DataType.INTEGER;
                    case "unsigned" -> DataType.UNSIGNED;
                    case "string" -> DataType.STRING;
                    case "boolean" -> DataType.BOOLEAN;
                    default -> throw TerminalParser.unexpected(t, "float", "integer", "unsigned", "string",
                            "boolean", "field", "tag");
                };
                case FIELD -> type = DataType.ANY_FIELD;
                case TAG -> type = DataType.TAG;
                default -> throw TerminalParser.unexpected(t, "float", "integer", "string", "boolean", "field",
                        "tag");
            }
        } else {
            in.unscan();
        }
        return new VarRef(String.join(".", segments), type);
    }

    static Operator toOperator(Token t) {
        return switch (t) {
            case ADD -> Operator.ADD;
            case SUB -> Operator.SUB;
            case MUL -> Operator.MUL;
            case DIV -> Operator.DIV;
            case MOD -> Operator.MOD;
            case BITWISE_AND -> Operator.BITWISE_AND;
            case BITWISE_OR -> Operator.BITWISE_OR;
            case BITWISE_XOR -> Operator.BITWISE_XOR;
            case AND -> Operator.AND;
            case OR -> Operator.OR;
            case EQ -> Operator.EQ;
            case NEQ -> Operator.NEQ;
            case EQREGEX -> Operator.EQREGEX;
            case NEQREGEX -> Operator.NEQREGEX;
            case LT -> Operator.LT;
            case LTE -> Operator.LTE;
            case GT -> Operator.GT;
            case GTE -> Operator.GTE;
            default -> throw new IllegalStateException("BUG: not an operator: " + t);
        };
    }
}
