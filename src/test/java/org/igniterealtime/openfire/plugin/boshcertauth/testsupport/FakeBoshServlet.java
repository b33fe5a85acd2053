package org.igniterealtime.openfire.plugin.boshcertauth.testsupport;

import javax.servlet.AsyncContext;
import javax.servlet.ReadListener;
import javax.servlet.ServletOutputStream;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Behaves, towards a filter in front of it, like Openfire 5.1's HttpBindServlet: it calls {@code startAsync()}, reads
 * the body with a ReadListener through the AsyncContext's request, and answers through the AsyncContext's response
 * with an exact Content-Length and a WriteListener writing 8 KiB chunks. A session-creation request gets a body with
 * stream features offering {@link #MECHANISMS}; it remembers, per sid, what Openfire's HttpConnection would have read
 * from the AsyncContext's request (certificate attribute, isSecure, remote address).
 */
public final class FakeBoshServlet extends HttpServlet {

    public static final String MECHANISMS = "<mechanisms xmlns=\"urn:ietf:params:xml:ns:xmpp-sasl\"><mechanism>PLAIN</mechanism>"
        + "<mechanism>SCRAM-SHA-1</mechanism><mechanism>EXTERNAL</mechanism></mechanisms>";
    private static final Pattern SID = Pattern.compile("\\ssid=['\"]([^'\"]+)['\"]");

    /** What Openfire would have stored for a session at creation. */
    public record CreatedSession(X509Certificate[] certificates, boolean secure, String remoteAddress) {}

    public final Map<String, CreatedSession> sessions = new ConcurrentHashMap<>();
    public final Map<String, Boolean> rawCertificate = new ConcurrentHashMap<>();
    public final AtomicInteger processedBodies = new AtomicInteger();
    /** Every body processed, in order (what Openfire would have acted on). */
    public final java.util.List<String> bodies = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AtomicInteger sids = new AtomicInteger();

    /** As Openfire's HttpBindServlet.service: CORS headers on every answer (httpbind.CORS defaults: enabled, "*"). */
    public volatile boolean scriptSyntaxEnabled = true;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws javax.servlet.ServletException, IOException {
        response.setHeader("Access-Control-Allow-Origin", "*");
        response.setHeader("Access-Control-Max-Age", "86400");
        super.service(request, response);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        final AsyncContext context = request.startAsync();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        request.getInputStream().setReadListener(new ReadListener() {
            @Override
            public void onDataAvailable() throws IOException {
                final var in = context.getRequest().getInputStream();
                final byte[] buffer = new byte[1024];
                int n;
                while (in.isReady() && (n = in.read(buffer)) != -1) {
                    body.write(buffer, 0, n);
                }
            }

            @Override
            public void onAllDataRead() throws IOException {
                process(context, body.toString(StandardCharsets.UTF_8));
            }

            @Override
            public void onError(Throwable t) {
                context.complete();
            }
        });
    }

    /** Script syntax (XEP-0124 appendix), as Openfire's servlet with xmpp.httpbind.scriptSyntax.enabled; HEAD comes here too. */
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        final AsyncContext context = request.startAsync();
        if (!scriptSyntaxEnabled) { // Openfire: sendLegacyError(context, BoshBindingError.itemNotFound)
            ((HttpServletResponse) context.getResponse()).sendError(HttpServletResponse.SC_NOT_FOUND);
            context.complete();
            return;
        }
        if (request.getQueryString() == null || "isBoshAvailable".equals(request.getQueryString())) {
            response.setStatus(HttpServletResponse.SC_OK);
            context.complete();
            return;
        }
        process(context, java.net.URLDecoder.decode(request.getQueryString(), StandardCharsets.UTF_8));
    }

    private void process(AsyncContext context, String body) throws IOException {
        processedBodies.incrementAndGet();
        bodies.add(body);
        final Matcher m = SID.matcher(body);
        final String answer;
        if (!m.find()) {
            final String sid = "sid" + sids.incrementAndGet();
            final HttpServletRequest request = (HttpServletRequest) context.getRequest();
            javax.servlet.ServletRequest raw = request;
            while (raw instanceof javax.servlet.ServletRequestWrapper w) { raw = w.getRequest(); }
            rawCertificate.put("sid" + sids.get(), raw.getAttribute("javax.servlet.request.X509Certificate") != null);
            sessions.put(sid, new CreatedSession((X509Certificate[]) request.getAttribute("javax.servlet.request.X509Certificate"),
                request.isSecure(), request.getRemoteAddr()));
            answer = "<body xmlns=\"http://jabber.org/protocol/httpbind\" xmlns:stream=\"http://etherx.jabber.org/streams\" from=\"localhost\""
                + " authid=\"" + sid + "\" sid=\"" + sid + "\" secure=\"true\" requests=\"2\" inactivity=\"30\" polling=\"5\" wait=\"60\" hold=\"1\""
                + " ver=\"1.6\"><stream:features>" + MECHANISMS + "<bind xmlns=\"urn:ietf:params:xml:ns:xmpp-bind\"/></stream:features></body>";
        } else if (!sessions.containsKey(m.group(1))) {
            // As Openfire's HttpBindServlet.handleSessionRequest
            ((HttpServletResponse) context.getResponse()).sendError(HttpServletResponse.SC_NOT_FOUND, "Invalid SID value.");
            context.complete();
            return;
        } else {
            answer = "<body xmlns=\"http://jabber.org/protocol/httpbind\"/>";
        }
        respond(context, answer);
    }

    private static void respond(AsyncContext context, String content) throws IOException {
        final HttpServletResponse response = (HttpServletResponse) context.getResponse();
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("text/xml");
        response.setCharacterEncoding("UTF-8");
        final byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        response.setContentLength(bytes.length);
        final InputStream data = new ByteArrayInputStream(bytes);
        response.getOutputStream().setWriteListener(new WriteListener() {
            @Override
            public void onWritePossible() throws IOException {
                synchronized (context) {
                    final ServletOutputStream out = context.getResponse().getOutputStream();
                    while (out.isReady()) {
                        final byte[] buffer = new byte[8 * 1024];
                        final int len = data.read(buffer);
                        if (len < 0) {
                            context.complete();
                            return;
                        }
                        out.write(buffer, 0, len);
                    }
                }
            }

            @Override
            public void onError(Throwable t) {
                context.complete();
            }
        });
    }
}
