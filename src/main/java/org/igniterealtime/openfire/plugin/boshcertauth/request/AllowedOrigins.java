package org.igniterealtime.openfire.plugin.boshcertauth.request;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The web origins, besides the server's own, whose pages may use a visitor's client certificate: the parsed
 * {@code boshcertauth.web.allowed-origins} setting. Empty (the default) allows only the server's own origin;
 * {@code *} allows every web site, an explicit choice that is reported as a warning.
 */
public final class AllowedOrigins {

    /** The setting's value that allows every origin. */
    public static final String ANY = "*";

    private static final AllowedOrigins NONE = new AllowedOrigins(Set.of(), false);

    private final List<WebOrigin> origins; // in the administrator's order, for display
    private final Set<WebOrigin> lookup;
    private final boolean any;

    private AllowedOrigins(Set<WebOrigin> origins, boolean any) {
        this.origins = List.copyOf(origins);
        this.lookup = Set.copyOf(origins);
        this.any = any;
    }

    /** Only the server's own origin. */
    public static AllowedOrigins none() {
        return NONE;
    }

    /**
     * Parses a comma- or whitespace-separated list of origins ({@code https://chat.example.org,
     * http://127.0.0.1:8080}) or {@code *}.
     *
     * @throws IllegalArgumentException with one message per invalid entry, ready for the admin page
     */
    public static AllowedOrigins parse(String setting) {
        if (setting == null || setting.isBlank()) {
            return NONE;
        }
        final Set<WebOrigin> origins = new LinkedHashSet<>();
        final List<String> errors = new ArrayList<>();
        boolean any = false;
        int index = 0;
        for (String entry : setting.strip().split("[\\s,]+")) {
            index++;
            if (ANY.equals(entry)) {
                any = true;
                continue;
            }
            final Optional<WebOrigin> origin = WebOrigin.parse(entry);
            if (origin.isEmpty() || !(origin.get().scheme().equals("https") || origin.get().scheme().equals("http"))) {
                errors.add("entry " + index + " '" + shorten(entry) + "' is not an origin such as https://chat.example.org"
                    + " (scheme://host[:port], no path, no trailing slash, no wildcard other than a lone *)");
            } else {
                origins.add(origin.get());
            }
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", errors));
        }
        return new AllowedOrigins(origins, any);
    }

    private static String shorten(String value) {
        return value.length() <= 80 ? value : value.substring(0, 80) + "…";
    }

    /**
     * Listed origins served over plain http from another host than this machine: anyone on the network path can put a
     * script into such a page, which may then use the visitors' certificates.
     */
    public List<WebOrigin> insecure() {
        return origins.stream().filter(o -> o.scheme().equals("http") && !isLoopback(o.host())).toList();
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
    }

    public boolean any() {
        return any;
    }

    public boolean contains(WebOrigin origin) {
        return any || lookup.contains(origin);
    }

    /** The listed origins (without {@code *}), in the order given. */
    public List<WebOrigin> origins() {
        return origins;
    }

    /** Adds one origin (the admin page's "allow this origin"); the result's {@link #toString()} is the new setting. */
    public AllowedOrigins with(WebOrigin origin) {
        final Set<WebOrigin> more = new LinkedHashSet<>(origins);
        more.add(origin);
        return new AllowedOrigins(more, any);
    }

    /** The setting's canonical value: what {@link #parse} gives back the same set for. */
    @Override
    public String toString() {
        final List<String> parts = new ArrayList<>();
        if (any) {
            parts.add(ANY);
        }
        origins.forEach(o -> parts.add(o.toString()));
        return String.join(",", parts);
    }
}
