package io.tidemark.http;

import io.tidemark.common.result.StatementResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The format of a {@code /query} answer, chosen from the {@code Accept} header as InfluxDB 1.8 chooses it
 * (services/httpd/response_writer.go and accept.go): the media ranges sorted by their {@code q} (stably), and the
 * first that matches JSON, {@code application/csv}, {@code text/csv} or {@code application/x-msgpack}, in that order,
 * wins; JSON when none does. Results, chunks and errors are all written in the chosen format. Immutable.
 */
abstract sealed class QueryFormat {

    /** The whole answer of a statement list (unchunked). */
    abstract byte[] document(List<StatementResult> results);

    /**
     * One chunk of a chunked answer: the result as a document of its own (a JSON document per line); empty when the
     * format writes nothing for it (CSV, for a result without rows).
     */
    final byte[] chunk(StatementResult result) {
        return document(List.of(result));
    }

    abstract byte[] error(String message);

    abstract String contentType();

    static QueryFormat of(String acceptHeader, EpochFormat epoch, boolean pretty, ResultJsonWriter json) {
        for (MediaRange r : mediaRanges(acceptHeader)) {
            if (r.matches("application", "json")) {
                return new Json(json, epoch, pretty);
            } else if (r.matches("application", "csv") || r.matches("text", "csv")) {
                return new Csv(new CsvResultWriter(epoch));
            } else if (r.matches("application", "x-msgpack")) {
                return new Msgpack(epoch);
            }
        }
        return new Json(json, epoch, pretty);
    }

    private record MediaRange(String type, String subType, double q) {
        boolean matches(String t, String s) {
            return (type.equals("*") || type.equals(t)) && (subType.equals("*") || subType.equals(s));
        }
    }

    /** The ranges of an Accept header, highest {@code q} first, in header order among equals. */
    private static List<MediaRange> mediaRanges(String header) {
        List<MediaRange> out = new ArrayList<>();
        if (header == null) {
            return out;
        }
        for (String part : header.split(",")) {
            String[] pieces = part.split(";");
            String media = pieces[0].strip().toLowerCase(Locale.ROOT);
            String[] types = media.split("/");
            String type;
            String subType;
            if (types.length == 1 && types[0].equals("*")) {
                type = "*";
                subType = "*";
            } else if (types.length == 2 && !types[0].isEmpty() && !types[1].isEmpty()) {
                type = types[0];
                subType = types[1];
            } else {
                continue;
            }
            double q = 1.0;
            for (int i = 1; i < pieces.length; i++) {
                String[] kv = pieces[i].strip().split("=", 2);
                if (kv.length == 2 && kv[0].strip().equalsIgnoreCase("q")) {
                    try {
                        q = Double.parseDouble(kv[1].strip());
                    } catch (NumberFormatException e) {
                        q = 0;   // as Go's ParseFloat failure leaves it
                    }
                }
            }
            out.add(new MediaRange(type, subType, q));
        }
        out.sort((a, b) -> Double.compare(b.q, a.q));   // List.sort is stable
        return out;
    }

    static final class Json extends QueryFormat {
        private final ResultJsonWriter json;
        private final EpochFormat epoch;
        private final boolean pretty;

        Json(ResultJsonWriter json, EpochFormat epoch, boolean pretty) {
            this.json = json;
            this.epoch = epoch;
            this.pretty = pretty;
        }

        @Override
        byte[] document(List<StatementResult> results) {
            return json.write(results, epoch, pretty);
        }

        @Override
        byte[] error(String message) {
            return json.error(message);
        }

        @Override
        String contentType() {
            return Responses.JSON;
        }
    }

    static final class Csv extends QueryFormat {
        private final CsvResultWriter csv;

        Csv(CsvResultWriter csv) {
            this.csv = csv;
        }

        @Override
        byte[] document(List<StatementResult> results) {
            return csv.write(results);
        }

        @Override
        byte[] error(String message) {
            return CsvResultWriter.error(message);
        }

        @Override
        String contentType() {
            return CsvResultWriter.CONTENT_TYPE;
        }
    }

    static final class Msgpack extends QueryFormat {
        private final MsgpackResultWriter msgpack = new MsgpackResultWriter();
        private final EpochFormat epoch;

        Msgpack(EpochFormat epoch) {
            this.epoch = epoch;
        }

        @Override
        byte[] document(List<StatementResult> results) {
            return msgpack.write(results, epoch);
        }

        @Override
        byte[] error(String message) {
            return msgpack.error(message);
        }

        @Override
        String contentType() {
            return MsgpackResultWriter.CONTENT_TYPE;
        }
    }
}
