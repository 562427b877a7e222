package io.tidemark.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** Reads credentials as InfluxDB 1.8 does: {@code u} and {@code p} from the URL, then HTTP Basic. */
final class CredentialsParser {
    private CredentialsParser() {
    }

    static Credentials parse(HttpRequest request, Map<String, List<String>> urlParams) {
        String u = first(urlParams, "u");
        String p = first(urlParams, "p");
        if (u != null && p != null && !u.isEmpty() && !p.isEmpty()) {
            return new Credentials(u, p);
        }
        String auth = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (auth != null && auth.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(auth.substring(6).trim()),
                        StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                if (colon > 0) {
                    return new Credentials(decoded.substring(0, colon), decoded.substring(colon + 1));
                }
            } catch (IllegalArgumentException e) {
                return Credentials.NONE;
            }
        }
        return Credentials.NONE;
    }

    static String first(Map<String, List<String>> params, String name) {
        List<String> v = params.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }
}
