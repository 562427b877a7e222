package io.tidemark.http;

/**
 * The user name and password a request carried (URL {@code u}/{@code p} first, then HTTP Basic, as InfluxDB
 * 1.8 reads them), or {@link #NONE}. Parsed on every request so that authentication can act on them.
 */
public record Credentials(String username, String password) {
    public static final Credentials NONE = new Credentials("", "");

    public boolean present() {
        return !username.isEmpty();
    }

    @Override
    public String toString() {
        return present() ? "Credentials[" + username + "]" : "Credentials[none]";
    }
}
