package org.igniterealtime.openfire.plugin.boshcertauth.request.proxy;

import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Encodes certificates the way each proxy does, from its documentation and source:
 * <ul>
 *   <li>nginx {@code $ssl_client_escaped_cert}: PEM through ngx_escape_uri(NGX_ESCAPE_URI_COMPONENT): everything but
 *       unreserved characters as %XX (checked against a real nginx capture in {@link RealProxyCaptureTest})</li>
 *   <li>Apache mod_headers {@code %{VAR}s}: unwrap_header() turns every CR and LF into a space</li>
 *   <li>HAProxy {@code ssl_c_der,base64} / {@code ssl_c_chain_der,base64}: base64 of DER / of concatenated DER</li>
 *   <li>Envoy XFCC Cert / Chain: Http::Utility::PercentEncoding::urlEncode of the PEM (of each chain certificate,
 *       concatenated)</li>
 *   <li>Traefik passTLSClientCert: PEM without BEGIN/END lines and line breaks, Go url.QueryEscape, joined by ","</li>
 *   <li>RFC 9440: sf-binary {@code :base64(DER):}, chain as a List of them</li>
 * </ul>
 */
final class ProxyEncodings {

    private ProxyEncodings() {}

    static String percentEncode(String text) {
        // URLEncoder is form encoding: a space becomes '+'. The proxies write %20.
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String nginx(X509Certificate certificate) {
        return percentEncode(TestPki.pem(certificate));
    }

    static String apache(X509Certificate certificate) {
        return TestPki.pem(certificate).replace('\r', ' ').replace('\n', ' ');
    }

    static String haproxy(X509Certificate certificate) {
        return Base64.getEncoder().encodeToString(der(certificate));
    }

    static String haproxyChain(List<X509Certificate> certificates) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        certificates.forEach(c -> out.writeBytes(der(c)));
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }

    static String envoyChain(List<X509Certificate> certificates) {
        return certificates.stream().map(c -> percentEncode(TestPki.pem(c))).collect(Collectors.joining());
    }

    static String traefik(List<X509Certificate> certificates) {
        return certificates.stream()
            .map(c -> TestPki.pem(c).replace("-----BEGIN CERTIFICATE-----", "").replace("-----END CERTIFICATE-----", "").replace("\n", ""))
            .map(body -> URLEncoder.encode(body, StandardCharsets.UTF_8))
            .collect(Collectors.joining(","));
    }

    static String rfc9440(X509Certificate certificate) {
        return ":" + Base64.getEncoder().encodeToString(der(certificate)) + ":";
    }

    static String rfc9440Chain(List<X509Certificate> certificates) {
        return certificates.stream().map(ProxyEncodings::rfc9440).collect(Collectors.joining(", "));
    }

    static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
