package org.igniterealtime.openfire.plugin.boshcertauth.revocation;

import org.bouncycastle.cert.ocsp.CertificateID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The OCSP side of the cluster's {@link SharedRevocationAnswers}, beside {@link SharedCrls}: a node that has no
 * cached answer takes the one another node fetched before asking the responder, and shares a GOOD or REVOKED answer
 * it fetched itself, so that a CA's responder sees one request per cluster rather than one per node.
 *
 * <p>Only answers obtained <em>without</em> a nonce are shared. With {@code boshcertauth.revocation.ocsp-nonce} on, an
 * answer proves its freshness only to the node whose nonce it echoes; another node cannot check that, so with nonces
 * every node asks the responder itself and nothing is taken or offered.</p>
 *
 * <p>Nothing taken is trusted: the entry goes through {@link OcspClient#verifyShared}, the checks of an answer just
 * received (signer, responder authorisation or the configured responder certificate, certID, thisUpdate/nextUpdate
 * at the taking node's instant); whatever fails them is ignored and the node asks the responder itself, so a forged
 * or stale entry never yields "good". Newer wins: an answer with a later (signed) thisUpdate is never replaced by an
 * older one. Answers without nextUpdate are not shared (a responder that sends none says newer information is always
 * available; each node reuses such an answer only briefly, in its own cache). The service's flush clears the shared
 * answers together with the CRLs; this class keeps no state of its own.</p>
 */
final class SharedOcsp {

    private static final Logger Log = LoggerFactory.getLogger(SharedOcsp.class);

    private final SharedRevocationAnswers answers;

    SharedOcsp(SharedRevocationAnswers answers) {
        this.answers = answers;
    }

    /** The shared key: the responder asked and the DER of the CertID (hash algorithm, issuer name/key hash, serial). */
    static String key(URI responder, CertificateID id) {
        try {
            return "ocsp:" + responder + ' ' + HexFormat.of().formatHex(id.toASN1Primitive().getEncoded());
        } catch (IOException e) {
            throw new IllegalStateException("CertID cannot be encoded", e);
        }
    }

    /** The check of an entry: {@link OcspClient#verifyShared} with the caller's issuer, designated responder and instant. */
    @FunctionalInterface
    interface Check {
        OcspClient.Answer verify(byte[] der);
    }

    /** A shared answer that verifies here, is definitive and current; empty when the node must ask the responder. */
    Optional<OcspClient.Answer> take(String key, Check check) {
        return answers.get(key).flatMap(entry -> {
            final OcspClient.Answer answer = check.verify(entry.der());
            if (!answer.status().isDefinitive() || answer.status().nextUpdate() == null) {
                Log.debug("Shared OCSP answer under {} is not usable here ({}); asking the responder", key, answer.status().detail());
                return Optional.empty();
            }
            return Optional.of(answer);
        });
    }

    /**
     * Shares an answer this node has just fetched without a nonce and verified, unless the cache holds one that
     * verifies and is newer: then that one is returned, for the caller to use instead of its own.
     */
    OcspClient.Answer offer(String key, OcspClient.Answer fetched, Instant now, Check check) {
        if (!fetched.status().isDefinitive() || fetched.status().nextUpdate() == null) {
            return fetched;
        }
        final Optional<OcspClient.Answer> theirs = take(key, check);
        if (theirs.isPresent() && theirs.get().thisUpdate().isAfter(fetched.thisUpdate())) {
            return theirs.get();
        }
        answers.put(key, new SharedRevocationAnswers.Answer(fetched.der(), now));
        return fetched;
    }
}
