package org.igniterealtime.openfire.plugin.boshcertauth.request;

import org.igniterealtime.openfire.plugin.boshcertauth.PluginRuntime;
import org.igniterealtime.openfire.plugin.boshcertauth.audit.AuditTrail;
import org.igniterealtime.openfire.plugin.boshcertauth.audit.CertificateSummary;
import org.igniterealtime.openfire.plugin.boshcertauth.audit.LoginAttempt;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.igniterealtime.openfire.plugin.boshcertauth.request.proxy.ForwardedCertificateExtractor;
import org.igniterealtime.openfire.plugin.boshcertauth.request.proxy.HeaderSource;
import org.igniterealtime.openfire.plugin.boshcertauth.request.proxy.ParsedChain;

import javax.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.Collections;
import java.util.List;

/**
 * The client certificate of a request, for any transport: from a trusted reverse proxy's header when such a proxy is
 * configured and the request came from it, otherwise from the TLS layer. A forwarded-certificate header from any
 * other peer is ignored and recorded (someone trying to choose their certificate), and the TLS certificate, if any,
 * is used.
 */
public final class RequestCertificateSource implements CertificateSource {

    private final AuditTrail audit;
    private final Clock clock;
    private final PeerAddress peers;
    private final String stage;

    /**
     * @param peers the TCP peer's address (never a forwarded-for value)
     * @param stage the transport, as the audit log names it ("bosh", "websocket")
     */
    public RequestCertificateSource(AuditTrail audit, Clock clock, PeerAddress peers, String stage) {
        this.audit = audit;
        this.clock = clock;
        this.peers = peers;
        this.stage = stage;
    }

    @Override
    public PresentedCertificate obtain(HttpServletRequest request, PluginRuntime runtime) {
        final ForwardedCertificateExtractor extractor = runtime.proxyExtractor();
        if (extractor == null) {
            return CertificateSource.fromTls(request);
        }
        final String peer = peers.of(request);
        final ParsedChain forwarded = extractor.extract(peer, headersOf(request));
        return switch (forwarded.status()) {
            case ABSENT -> CertificateSource.fromTls(request);
            case CHAIN -> PresentedCertificate.fromProxy(forwarded.chain());
            case FAILURE -> PresentedCertificate.refused(forwarded.failure().orElse(FailureReason.PROXY_UNDECODABLE), forwarded.detail());
            case IGNORED_UNTRUSTED_PEER -> {
                audit.record(new LoginAttempt(clock.instant(), stage, peer, CertificateSummary.NONE, "", "",
                    FailureReason.PROXY_UNTRUSTED_PEER, forwarded.detail() + "; the header was ignored"));
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
}
