package org.igniterealtime.openfire.plugin.boshcertauth.request.proxy;

import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;

import java.io.ByteArrayInputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The decoding steps the formats share, all done by the JDK: percent-decoding, base64, DER certificates (through the
 * JDK's own "X.509" CertificateFactory, so the objects are the same kind JSSE hands to a servlet).
 */
final class CertificateDecoder {

    /** CertificateFactory is not documented as thread-safe, and looking one up per call costs a provider search. */
    private static final ThreadLocal<CertificateFactory> FACTORY = ThreadLocal.withInitial(() -> {
        try {
            return CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("The JDK has no X.509 certificate factory", e);
        }
    });

    private CertificateDecoder() {}

    /**
     * Percent-decodes a value. URLDecoder follows HTML forms and turns '+' into a space, but no proxy here uses that
     * convention (they all write %2B, and a '+' can only be a literal base64 character), so '+' is protected first.
     */
    static String percentDecode(String value, String what) throws ForwardedHeaderException {
        try {
            return URLDecoder.decode(value.indexOf('+') < 0 ? value : value.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw undecodable(what + " is not validly percent-encoded");
        }
    }

    /** Strict base64 (RFC 4648 §4, padding required, no line breaks or other characters). */
    static byte[] base64(String value, String what) throws ForwardedHeaderException {
        try {
            return Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw undecodable(what + " is not valid base64");
        }
    }

    /** Exactly one DER certificate, nothing after it. */
    static X509Certificate certificate(byte[] der, String what) throws ForwardedHeaderException {
        final ByteArrayInputStream in = new ByteArrayInputStream(der);
        final X509Certificate certificate = next(in, what);
        if (in.available() > 0) {
            throw undecodable(what + " has " + in.available() + " bytes after the certificate");
        }
        return certificate;
    }

    /**
     * Concatenated DER certificates (HAProxy's {@code ssl_c_chain_der}), appended to {@code into}; stops with
     * CHAIN_TOO_LONG as soon as {@code into} would exceed {@code maxTotal}.
     */
    static void concatenated(byte[] der, List<X509Certificate> into, int maxTotal, String what) throws ForwardedHeaderException {
        final ByteArrayInputStream in = new ByteArrayInputStream(der);
        while (in.available() > 0) {
            requireRoom(into.size(), maxTotal);
            into.add(next(in, what + " certificate #" + (into.size())));
        }
    }

    /** Fails with CHAIN_TOO_LONG when a chain that already has {@code count} certificates may not get another. */
    static void requireRoom(int count, int maxTotal) throws ForwardedHeaderException {
        if (count >= maxTotal) {
            throw new ForwardedHeaderException(FailureReason.CHAIN_TOO_LONG,
                "more than " + maxTotal + " certificates were forwarded");
        }
    }

    private static X509Certificate next(ByteArrayInputStream in, String what) throws ForwardedHeaderException {
        if (in.available() == 0) {
            throw undecodable(what + " is empty");
        }
        try {
            return (X509Certificate) FACTORY.get().generateCertificate(in);
        } catch (CertificateException | RuntimeException e) {
            // The JDK reports truncated or garbled DER as CertificateException, but some paths throw runtime
            // exceptions (e.g. on absurd lengths); none of them may escape a parser.
            throw new ForwardedHeaderException(FailureReason.MALFORMED, what + " is not a DER X.509 certificate");
        }
    }

    static ForwardedHeaderException undecodable(String detail) {
        return new ForwardedHeaderException(FailureReason.PROXY_UNDECODABLE, detail);
    }

    /** Convenience for callers that build a chain. */
    static List<X509Certificate> newChain(X509Certificate leaf) {
        final List<X509Certificate> chain = new ArrayList<>(4);
        chain.add(leaf);
        return chain;
    }
}
