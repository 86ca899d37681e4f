package io.rebound.admin;

import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Where the gateway is and who signs in: options first, then {@code REBOUND_URL}, {@code REBOUND_USER} and
 * {@code REBOUND_PASSWORD}. The demo SRE account is a default only for a gateway on this machine, so a forgotten
 * variable never sends demo credentials to a real one.
 */
record Connection(String url, String user, String password) {

    static final String DEFAULT_URL = "http://localhost:8080";
    static final String DEMO_USER = "sre@example.com";
    static final String DEMO_PASSWORD = "rebound";
    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    static Connection resolve(String url, String user, String password, Map<String, String> env) {
        String base = first(url, env.get("REBOUND_URL"), DEFAULT_URL).replaceAll("/+$", "");
        boolean local = isLocal(base);
        String resolvedUser = first(user, env.get("REBOUND_USER"), local ? DEMO_USER : null);
        String resolvedPassword = first(password, env.get("REBOUND_PASSWORD"), local ? DEMO_PASSWORD : null);
        if (resolvedUser == null || resolvedPassword == null) {
            throw new IllegalArgumentException("give --user and --password (or REBOUND_USER and REBOUND_PASSWORD) for "
                    + base + "; the demo account is only a default for localhost");
        }
        return new Connection(base, resolvedUser, resolvedPassword);
    }

    static boolean isLocal(String url) {
        return LOCAL_HOSTS.contains(checked(url).getHost());
    }

    AdminApi api() {
        return new AdminApi(url, user, password);
    }

    @Override
    public String toString() {
        return "Connection[url=" + url + ", user=" + user + ", password=***]";
    }

    private static String first(String... candidates) {
        return Stream.of(candidates)
                .filter(value -> value != null && !value.isBlank())
                .findFirst()
                .orElse(null);
    }

    private static URI checked(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--url '" + url + "' is not a URL");
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException("--url '" + url + "' must be an http:// or https:// URL with a host");
        }
        return uri;
    }
}
