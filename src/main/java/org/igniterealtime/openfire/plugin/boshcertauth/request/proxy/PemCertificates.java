package org.igniterealtime.openfire.plugin.boshcertauth.request.proxy;

import org.bouncycastle.util.encoders.Base64;
import org.bouncycastle.util.encoders.DecoderException;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads PEM certificates (RFC 7468) as proxies forward them: with line breaks (nginx, Envoy after percent-decoding) or
 * with every line break replaced by a space (Apache mod_headers' {@code %{SSL_CLIENT_CERT}s}). Bouncy Castle's
 * PemReader is line-oriented and cannot read the space-joined form, so only the framing is located here, with one
 * precompiled pattern; the body is decoded by Bouncy Castle's base64 decoder (which skips whitespace of either kind)
 * and the DER by the JDK.
 */
final class PemCertificates {

    /** A label is upper-case words (RFC 7468 §2); the bound keeps hostile input from making the label a log flood. */
    private static final Pattern BLOCK = Pattern.compile(
        "-----BEGIN ([A-Z0-9 ]{1,40})-----(.*?)-----END ([A-Z0-9 ]{1,40})-----", Pattern.DOTALL);
    private static final String CERTIFICATE = "CERTIFICATE";

    private PemCertificates() {}

    /**
     * Appends every PEM certificate in {@code text} to {@code into}. Anything but whitespace around the blocks, a block
     * of another type (a private key!), or no block at all is PROXY_UNDECODABLE; more than {@code maxTotal}
     * certificates in {@code into} is CHAIN_TOO_LONG.
     */
    static void read(String text, List<X509Certificate> into, int maxTotal, String what) throws ForwardedHeaderException {
        final Matcher m = BLOCK.matcher(text);
        int end = 0;
        int found = 0;
        while (m.find()) {
            requireBlank(text, end, m.start(), what);
            final String label = m.group(1);
            if (!label.equals(m.group(3))) {
                throw CertificateDecoder.undecodable(what + " has a PEM block that begins as '" + label + "' and ends as '" + m.group(3) + "'");
            }
            if (!label.equals(CERTIFICATE)) {
                // Never echo the body: it may well be someone's private key.
                throw CertificateDecoder.undecodable(what + " holds a PEM block of type '" + label + "' where a CERTIFICATE was expected");
            }
            CertificateDecoder.requireRoom(into.size(), maxTotal);
            into.add(CertificateDecoder.certificate(decodeBody(m.group(2), what), what));
            end = m.end();
            found++;
        }
        if (found == 0) {
            throw CertificateDecoder.undecodable(what + " holds no complete PEM certificate");
        }
        requireBlank(text, end, text.length(), what);
    }

    private static byte[] decodeBody(String body, String what) throws ForwardedHeaderException {
        try {
            return Base64.decode(body);
        } catch (DecoderException e) {
            throw CertificateDecoder.undecodable(what + " has a PEM body that is not valid base64");
        }
    }

    private static void requireBlank(String text, int from, int to, String what) throws ForwardedHeaderException {
        for (int i = from; i < to; i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                throw new ForwardedHeaderException(FailureReason.PROXY_UNDECODABLE,
                    what + " has text outside its PEM blocks (truncated or not PEM)");
            }
        }
    }
}
