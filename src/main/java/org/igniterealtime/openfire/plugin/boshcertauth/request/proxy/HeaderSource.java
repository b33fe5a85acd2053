package org.igniterealtime.openfire.plugin.boshcertauth.request.proxy;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The request headers, without the Servlet API (so the parsers can be unit-tested and benchmarked without a container).
 * The servlet filter adapts {@code HttpServletRequest.getHeaders(name)} to this.
 */
@FunctionalInterface
public interface HeaderSource {

    /**
     * Every occurrence of the header, in the order received; an empty list when it is absent. Header names are
     * case-insensitive (RFC 9110 §5.1), so implementations must look them up that way.
     */
    List<String> values(String headerName);

    /** A source backed by a map; the names are looked up case-insensitively. The map is copied. */
    static HeaderSource of(Map<String, List<String>> headers) {
        final Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.merge(name, List.copyOf(values), (a, b) -> {
            final java.util.ArrayList<String> merged = new java.util.ArrayList<>(a);
            merged.addAll(b);
            return List.copyOf(merged);
        }));
        return name -> copy.getOrDefault(name, List.of());
    }
}
