package org.igniterealtime.openfire.plugin.boshcertauth.request.proxy;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How a reverse proxy forwards the client certificate, with the header names its usual configuration uses. The
 * certificate header can be renamed in the settings ({@code boshcertauth.proxy.header}); the other headers keep the
 * names below (Apache's chain headers follow a renamed certificate header: {@code <name>-Chain-0}, …).
 *
 * <table>
 *   <caption>Default headers</caption>
 *   <tr><th>format</th><th>certificate</th><th>chain</th><th>proxy's verify result</th></tr>
 *   <tr><td>NGINX</td><td>X-SSL-Client-Cert ({@code $ssl_client_escaped_cert}, URL-encoded PEM)</td><td>—</td>
 *       <td>X-SSL-Client-Verify ({@code $ssl_client_verify})</td></tr>
 *   <tr><td>APACHE</td><td>X-SSL-Client-Cert ({@code %{SSL_CLIENT_CERT}s}, PEM, line breaks as spaces)</td>
 *       <td>X-SSL-Client-Cert-Chain-0, -1, … ({@code %{SSL_CLIENT_CERT_CHAIN_n}s})</td>
 *       <td>X-SSL-Client-Verify ({@code %{SSL_CLIENT_VERIFY}s})</td></tr>
 *   <tr><td>HAPROXY</td><td>X-SSL-Client-Cert ({@code %[ssl_c_der,base64]})</td>
 *       <td>X-SSL-Client-Chain ({@code %[ssl_c_chain_der,base64]}, concatenated DER)</td><td>—</td></tr>
 *   <tr><td>ENVOY</td><td>x-forwarded-client-cert (XFCC; last element's Cert / Chain, URL-encoded PEM)</td>
 *       <td>in the same header</td><td>—</td></tr>
 *   <tr><td>TRAEFIK</td><td>X-Forwarded-Tls-Client-Cert (passTLSClientCert pem: comma-separated, URL-escaped PEM
 *       bodies, leaf first)</td><td>in the same header</td><td>—</td></tr>
 *   <tr><td>RFC9440</td><td>Client-Cert ({@code :base64 DER:})</td>
 *       <td>Client-Cert-Chain (list of {@code :base64 DER:})</td><td>—</td></tr>
 * </table>
 */
public enum ProxyFormat {

    NGINX("X-SSL-Client-Cert", null, "X-SSL-Client-Verify") {
        @Override
        ForwardedCertificateParser create(String certificateHeader, HeaderLimits limits) {
            return new NginxParser(certificateHeader, verifyHeader, limits);
        }
    },
    APACHE("X-SSL-Client-Cert", "X-SSL-Client-Cert-Chain-0", "X-SSL-Client-Verify") {
        @Override
        ForwardedCertificateParser create(String certificateHeader, HeaderLimits limits) {
            return new ApacheParser(certificateHeader, verifyHeader, limits);
        }
    },
    HAPROXY("X-SSL-Client-Cert", "X-SSL-Client-Chain", null) {
        @Override
        ForwardedCertificateParser create(String certificateHeader, HeaderLimits limits) {
            return new HaproxyParser(certificateHeader, chainHeader, limits);
        }
    },
    ENVOY("x-forwarded-client-cert", null, null) {
        @Override
        ForwardedCertificateParser create(String certificateHeader, HeaderLimits limits) {
            return new EnvoyParser(certificateHeader, limits);
        }
    },
    TRAEFIK("X-Forwarded-Tls-Client-Cert", null, null) {
        @Override
        ForwardedCertificateParser create(String certificateHeader, HeaderLimits limits) {
            return new TraefikParser(certificateHeader, limits);
        }
    },
    RFC9440("Client-Cert", "Client-Cert-Chain", null) {
        @Override
        ForwardedCertificateParser create(String certificateHeader, HeaderLimits limits) {
            return new Rfc9440Parser(certificateHeader, chainHeader, limits);
        }
    };

    private final String certificateHeader;
    final String chainHeader;
    final String verifyHeader;

    ProxyFormat(String certificateHeader, String chainHeader, String verifyHeader) {
        this.certificateHeader = certificateHeader;
        this.chainHeader = chainHeader;
        this.verifyHeader = verifyHeader;
    }

    abstract ForwardedCertificateParser create(String certificateHeader, HeaderLimits limits);

    /** The header that carries the client's certificate unless the settings rename it. */
    public String defaultCertificateHeader() {
        return certificateHeader;
    }

    /** The separate header for the rest of the chain (for APACHE the first of the numbered ones), if the format has one. */
    public Optional<String> chainHeader() {
        return Optional.ofNullable(chainHeader);
    }

    /** The header for the proxy's own verification result, if the format has one. */
    public Optional<String> verifyHeader() {
        return Optional.ofNullable(verifyHeader);
    }

    /**
     * A parser for this format.
     *
     * @param certificateHeader  the certificate header's name, or null for {@link #defaultCertificateHeader()}
     */
    public ForwardedCertificateParser parser(String certificateHeader, HeaderLimits limits) {
        return create(certificateHeader == null ? this.certificateHeader : certificateHeader, Objects.requireNonNull(limits));
    }

    /** The format a setting names, case-insensitively; the message lists the valid names. */
    public static ProxyFormat fromSetting(String value) {
        final String name = value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
        for (ProxyFormat format : values()) {
            if (format.name().equals(name)) {
                return format;
            }
        }
        throw new IllegalArgumentException("'" + value + "' is not a proxy format; use one of "
            + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")));
    }
}
