package org.igniterealtime.openfire.plugin.boshcertauth.request;

import org.eclipse.jetty.ee8.nested.HttpChannel;
import org.eclipse.jetty.ee8.nested.Request;
import org.igniterealtime.openfire.plugin.boshcertauth.PluginRuntime;
import org.igniterealtime.openfire.plugin.boshcertauth.audit.AuditTrail;
import org.igniterealtime.openfire.plugin.boshcertauth.audit.CertificateSummary;
import org.igniterealtime.openfire.plugin.boshcertauth.audit.LoginAttempt;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.igniterealtime.openfire.plugin.boshcertauth.request.proxy.Extraction;
import org.igniterealtime.openfire.plugin.boshcertauth.request.proxy.ForwardedCertificateExtractor;
import org.igniterealtime.openfire.plugin.boshcertauth.request.proxy.HeaderSource;

import javax.servlet.http.HttpServletRequest;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Clock;
import java.util.Collections;
import java.util.List;

/**
 * The client certificate of a request: from a trusted reverse proxy's header when such a proxy is configured and the
 * request came from it, otherwise from the TLS layer. A forwarded-certificate header from any other peer is ignored
 * and recorded (someone trying to choose their certificate), and the TLS certificate, if any, is used.
 */
public final class RequestCertificateSource implements CertificateSource {

    private final AuditTrail audit;
    private final Clock clock;

    public RequestCertificateSource(AuditTrail audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public PresentedCertificate obtain(HttpServletRequest request, PluginRuntime runtime) {
        final ForwardedCertificateExtractor extractor = runtime.proxyExtractor();
        if (extractor == null) {
            return CertificateSource.fromTls(request);
        }
        final String peer = directPeerAddress(request);
        final Extraction extraction = extractor.extract(peer, headersOf(request));
        return switch (extraction.outcome()) {
            case ABSENT -> CertificateSource.fromTls(request);
            case CHAIN -> new PresentedCertificate(extraction.chain(), true, null, "");
            case FAILED -> PresentedCertificate.refused(extraction.reason().orElse(FailureReason.PROXY_UNDECODABLE), extraction.detail());
            case IGNORED_UNTRUSTED_PEER -> {
                audit.record(new LoginAttempt(clock.instant(), "bosh", peer, CertificateSummary.NONE, "", "",
                    FailureReason.PROXY_UNTRUSTED_PEER, extraction.detail() + "; the header was ignored"));
                yield CertificateSource.fromTls(request);
            }
        };
    }

    private static HeaderSource headersOf(HttpServletRequest request) {
        return name -> {
            final var values = request.getHeaders(name);
            return values == null ? List.of() : Collections.list(values);
        };
    }

    /**
     * The address of the TCP peer. Deliberately not {@code getRemoteAddr()} alone: with Openfire's forwarded-header
     * support switched on, Jetty replaces that with the X-Forwarded-For value, which the client controls.
     */
    static String directPeerAddress(HttpServletRequest request) {
        try {
            final Request base = Request.getBaseRequest(request);
            final HttpChannel channel = base == null ? null : base.getHttpChannel();
            final SocketAddress address = channel == null || channel.getEndPoint() == null ? null : channel.getEndPoint().getRemoteSocketAddress();
            if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
                return inet.getAddress().getHostAddress();
            }
        } catch (RuntimeException | LinkageError e) {
            // Not Jetty ee8 (e.g. a test container): fall back to the servlet API.
        }
        return request.getRemoteAddr();
    }
}
