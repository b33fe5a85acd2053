package org.igniterealtime.openfire.plugin.boshcertauth.bench;

import javax.servlet.ReadListener;
import javax.servlet.ServletInputStream;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletRequestWrapper;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpServletResponseWrapper;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/**
 * Minimal servlet objects for driving the filter without a container (Mockito would cost more than the filter). Only
 * what the filter's success path calls is implemented; anything else fails loudly, so a benchmark can never measure
 * a path it did not mean to.
 */
public final class ServletStubs {

    private ServletStubs() {}

    private static <T> T unsupported(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, (proxy, method, args) -> {
            throw new UnsupportedOperationException("stub: " + method.getName());
        }));
    }

    /**
     * The headers Chromium sends with Converse.js's BOSH POST from the server's own page: the origin check runs its
     * full Origin path (parse, compare with scheme + Host).
     */
    static final Map<String, String> BROWSER_HEADERS = Map.of("Origin", "https://localhost:7443", "Host", "localhost:7443",
        "Sec-Fetch-Site", "same-origin", "Sec-Fetch-Mode", "cors", "Sec-Fetch-Dest", "empty");

    /** A POST (or GET) whose body is fixed, carrying TLS attributes and a browser's headers. */
    public static final class Request extends HttpServletRequestWrapper {
        private final String method;
        private final byte[] body;
        private final Map<String, Object> attributes = new HashMap<>();
        private Body lastBody;

        public Request(String method, byte[] body) {
            super(unsupported(HttpServletRequest.class));
            this.method = method;
            this.body = body;
        }

        @Override public String getMethod() { return method; }
        @Override public String getQueryString() { return null; }
        @Override public String getRemoteAddr() { return "127.0.0.1"; }
        @Override public Object getAttribute(String name) { return attributes.get(name); }
        @Override public void setAttribute(String name, Object value) { attributes.put(name, value); }
        @Override public boolean isSecure() { return true; }
        @Override public String getScheme() { return "https"; }
        @Override public String getHeader(String name) { return BROWSER_HEADERS.get(name); }

        @Override
        public java.util.Enumeration<String> getHeaders(String name) {
            final String value = BROWSER_HEADERS.get(name);
            return java.util.Collections.enumeration(value == null ? java.util.List.of() : java.util.List.of(value));
        }

        @Override
        public ServletInputStream getInputStream() {
            lastBody = new Body(body);
            return lastBody;
        }

        /** The stream the servlet got last, to tell its registered listener that all data was read. */
        public Body lastBody() {
            return lastBody;
        }
    }

    /** The request body as the container's asynchronous input stream. */
    public static final class Body extends ServletInputStream {
        private final byte[] bytes;
        private int position;
        private ReadListener listener;

        Body(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override public boolean isFinished() { return position == bytes.length; }
        @Override public boolean isReady() { return true; }
        @Override public void setReadListener(ReadListener readListener) { this.listener = readListener; }

        @Override
        public int read() {
            return position < bytes.length ? bytes[position++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position == bytes.length) {
                return -1;
            }
            final int n = Math.min(len, bytes.length - position);
            System.arraycopy(bytes, position, b, off, n);
            position += n;
            return n;
        }

        /** What the container does once the body is complete. */
        public void allDataRead() throws java.io.IOException {
            listener.onAllDataRead();
        }
    }

    /** A response on the success path: nothing is written to it by the filter. */
    public static HttpServletResponse response() {
        return new HttpServletResponseWrapper(unsupported(HttpServletResponse.class));
    }
}
