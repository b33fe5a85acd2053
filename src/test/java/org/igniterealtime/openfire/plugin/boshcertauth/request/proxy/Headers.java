package org.igniterealtime.openfire.plugin.boshcertauth.request.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test helper: request headers built fluently, or replayed from a capture of what a real proxy sent. */
final class Headers {

    private final Map<String, List<String>> map = new LinkedHashMap<>();

    static Headers none() {
        return new Headers();
    }

    static Headers with(String name, String value) {
        return new Headers().and(name, value);
    }

    /** Adds one occurrence (calling it twice with the same name makes a duplicate header). */
    Headers and(String name, String value) {
        map.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        return this;
    }

    HeaderSource source() {
        return HeaderSource.of(map);
    }

    /**
     * A capture in src/test/resources/proxy-captures: one "Name: value" line per header occurrence, exactly as the
     * JDK HttpServer behind the real proxy received it.
     */
    static HeaderSource capture(String name) {
        try (InputStream in = Headers.class.getResourceAsStream("/proxy-captures/" + name)) {
            if (in == null) {
                throw new IllegalStateException("No capture " + name);
            }
            final Headers headers = new Headers();
            for (String line : new String(in.readAllBytes(), StandardCharsets.ISO_8859_1).split("\n")) {
                final int colon = line.indexOf(": ");
                if (colon > 0) {
                    headers.and(line.substring(0, colon), line.substring(colon + 2));
                }
            }
            return headers.source();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String resource(String name) {
        try (InputStream in = Headers.class.getResourceAsStream("/proxy-captures/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
