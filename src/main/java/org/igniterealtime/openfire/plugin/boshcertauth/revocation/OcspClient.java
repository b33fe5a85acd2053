package org.igniterealtime.openfire.plugin.boshcertauth.revocation;

import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.Objects;

/**
 * Asks an OCSP responder (RFC 6960) about one certificate, with Bouncy Castle building the request and checking the
 * answer: signed by the issuer itself or by a delegated responder certificate that the issuer issued for
 * id-kp-OCSPSigning, about exactly this certificate, current (thisUpdate not in the future, nextUpdate not past), and
 * with our nonce echoed when the policy asks for nonces. Anything else is "unknown", never "good".
 *
 * <p>A designated responder certificate (setting {@code boshcertauth.revocation.ocsp.responder-certificate}) is the
 * "locally configured signing authority" of RFC 6960 §4.2.2.2: an answer signed with its key is accepted for any
 * issuer, while the certificate is within its validity period. It is trusted because the administrator configured
 * it, not because of anything the answer carries.</p>
 */
final class OcspClient {

    static final String SOURCE = "OCSP";
    private static final String REQUEST_TYPE = "application/ocsp-request";
    /** OCSP answers are small; a cap keeps a hostile responder from feeding us megabytes. */
    private static final long MAX_RESPONSE_BYTES = 64 * 1024;
    /** Tolerated clock difference to the responder. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final RevocationFetcher fetcher;
    private final SecureRandom random = new SecureRandom();

    OcspClient(RevocationFetcher fetcher) {
        this.fetcher = fetcher;
    }

    /**
     * A checked answer: its status and, for sharing it with the cluster ({@link SharedOcsp}), the DER as received and
     * the signed thisUpdate (null unless the status is definitive).
     */
    record Answer(RevocationStatus status, byte[] der, Instant thisUpdate) {}

    /**
     * @param designated the locally trusted responder certificate, or null
     */
    RevocationStatus query(X509Certificate certificate, X509Certificate issuer, URI responder, boolean useNonce,
                           X509Certificate designated, Instant now, Duration timeout) throws IOException {
        return ask(certificate, issuer, responder, useNonce, designated, now, timeout).status();
    }

    /** As {@link #query}, with the DER of the answer and its thisUpdate. */
    Answer ask(X509Certificate certificate, X509Certificate issuer, URI responder, boolean useNonce,
               X509Certificate designated, Instant now, Duration timeout) throws IOException {
        try {
            final CertificateID id = certificateId(certificate, issuer);
            final OCSPReqBuilder request = new OCSPReqBuilder().addRequest(id);
            final byte[] nonce = new byte[16];
            if (useNonce) {
                random.nextBytes(nonce);
                // RFC 8954: extnValue holds the DER of an OCTET STRING with the nonce (Extension.create wraps it).
                request.setRequestExtensions(new Extensions(
                    Extension.create(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false, new DEROctetString(nonce))));
            }
            final byte[] answer = fetcher.post(responder, REQUEST_TYPE, request.build().getEncoded(), MAX_RESPONSE_BYTES, timeout);
            return checked(answer, id, issuer, designated, useNonce ? nonce : null, now);
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            return new Answer(RevocationStatus.unknown(SOURCE, "unusable OCSP answer from " + responder + ": " + e.getMessage()), null, null);
        }
    }

    /**
     * An answer another node fetched without a nonce, checked here exactly like one this node has just received
     * without a nonce: signer, certID, thisUpdate/nextUpdate at {@code now}. Never throws; anything unusable is unknown.
     */
    static Answer verifyShared(byte[] der, CertificateID id, X509Certificate issuer, X509Certificate designated, Instant now) {
        try {
            return checked(der, id, issuer, designated, null, now);
        } catch (Exception e) {
            return new Answer(RevocationStatus.unknown(SOURCE, "unusable shared OCSP answer: " + e.getMessage()), null, null);
        }
    }

    /** What RFC 6960 asks about: the issuer's name and key hashes (SHA-1) and the serial. */
    static CertificateID certificateId(X509Certificate certificate, X509Certificate issuer) throws Exception {
        return new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
            new JcaX509CertificateHolder(issuer), certificate.getSerialNumber());
    }

    private static Answer checked(byte[] der, CertificateID id, X509Certificate issuer, X509Certificate designated,
                                  byte[] nonce, Instant now) throws Exception {
        final OCSPResp response = new OCSPResp(der);
        final RevocationStatus status = evaluate(response, id, issuer, designated, nonce, now);
        if (!status.isDefinitive()) {
            return new Answer(status, null, null);
        }
        // evaluate() only answers definitively from a basic response with a SingleResp for id
        return new Answer(status, der.clone(), single((BasicOCSPResp) response.getResponseObject(), id).getThisUpdate().toInstant());
    }

    private static SingleResp single(BasicOCSPResp basic, CertificateID id) {
        for (SingleResp single : basic.getResponses()) {
            if (id.equals(single.getCertID())) {
                return single;
            }
        }
        return null;
    }

    private static RevocationStatus evaluate(OCSPResp response, CertificateID id, X509Certificate issuer,
                                             X509Certificate designated, byte[] nonce, Instant now) throws Exception {
        if (response.getStatus() != OCSPResp.SUCCESSFUL) {
            return RevocationStatus.unknown(SOURCE, "OCSP responder answered with status " + response.getStatus());
        }
        if (!(response.getResponseObject() instanceof BasicOCSPResp basic)) {
            return RevocationStatus.unknown(SOURCE, "OCSP answer is not a basic response");
        }
        if (!signedByIssuerOrDelegate(basic, issuer, now) && !signedByDesignated(basic, designated, now)) {
            return RevocationStatus.unknown(SOURCE, designated == null
                ? "OCSP answer is not signed by the issuer or a responder it authorized"
                : "OCSP answer is not signed by the issuer, a responder it authorized or the configured responder certificate");
        }
        if (nonce != null) {
            final Extension echoed = basic.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
            final byte[] echoedValue = echoed == null ? null : echoed.getExtnValue().getOctets();
            // Accept the RFC 8954 form and the raw form some older responders use.
            if (echoedValue == null || !(Arrays.equals(echoedValue, new DEROctetString(nonce).getEncoded()) || Arrays.equals(echoedValue, nonce))) {
                return RevocationStatus.unknown(SOURCE, "OCSP answer does not echo our nonce");
            }
        }
        final SingleResp single = single(basic, id);
        if (single != null) {
            final Instant thisUpdate = single.getThisUpdate().toInstant();
            final Instant nextUpdate = single.getNextUpdate() == null ? null : single.getNextUpdate().toInstant();
            if (thisUpdate.isAfter(now.plus(CLOCK_SKEW))) {
                return RevocationStatus.unknown(SOURCE, "OCSP answer's thisUpdate " + thisUpdate + " is in the future");
            }
            if (nextUpdate != null && nextUpdate.isBefore(now)) {
                return RevocationStatus.unknown(SOURCE, "OCSP answer is stale (nextUpdate " + nextUpdate + ")");
            }
            final CertificateStatus status = single.getCertStatus();
            if (status == CertificateStatus.GOOD) {
                return RevocationStatus.good(nextUpdate, SOURCE, "OCSP: good");
            }
            if (status instanceof RevokedStatus revoked) {
                return RevocationStatus.revoked(nextUpdate, SOURCE, "OCSP: revoked at " + revoked.getRevocationTime().toInstant());
            }
            return RevocationStatus.unknown(SOURCE, "OCSP responder does not know the certificate");
        }
        return RevocationStatus.unknown(SOURCE, "OCSP answer does not cover the certificate");
    }

    private static boolean signedByIssuerOrDelegate(BasicOCSPResp basic, X509Certificate issuer, Instant now) throws Exception {
        final JcaContentVerifierProviderBuilder verifiers = new JcaContentVerifierProviderBuilder();
        if (basic.isSignatureValid(verifiers.build(issuer.getPublicKey()))) {
            return true;
        }
        final X509CertificateHolder issuerHolder = new JcaX509CertificateHolder(issuer);
        for (X509CertificateHolder responder : basic.getCerts()) {
            if (Objects.equals(responder.getIssuer(), issuerHolder.getSubject())
                && responder.isSignatureValid(verifiers.build(issuer.getPublicKey()))
                && responder.isValidOn(Date.from(now))
                && hasOcspSigningPurpose(responder)
                && basic.isSignatureValid(verifiers.build(responder))) {
                return true;
            }
        }
        return false;
    }

    /** Signed with the key of the configured responder certificate, which is valid now. */
    private static boolean signedByDesignated(BasicOCSPResp basic, X509Certificate designated, Instant now) throws Exception {
        if (designated == null) {
            return false;
        }
        final Date at = Date.from(now);
        if (at.before(designated.getNotBefore()) || at.after(designated.getNotAfter())) {
            return false;
        }
        try {
            return basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(designated.getPublicKey()));
        } catch (Exception e) {
            return false; // e.g. an RSA key against an ECDSA signature: not signed by it
        }
    }

    private static boolean hasOcspSigningPurpose(X509CertificateHolder responder) {
        final ExtendedKeyUsage usage = ExtendedKeyUsage.fromExtensions(responder.getExtensions());
        return usage != null && usage.hasKeyPurposeId(KeyPurposeId.id_kp_OCSPSigning);
    }

    /** Cache key of an answer: what RFC 6960's CertID identifies, the issuer's key and the serial. */
    record Key(ByteBuffer issuerKey, BigInteger serial) {
        static Key of(X509Certificate certificate, X509Certificate issuer) {
            return new Key(ByteBuffer.wrap(issuer.getPublicKey().getEncoded()), certificate.getSerialNumber());
        }
    }
}
