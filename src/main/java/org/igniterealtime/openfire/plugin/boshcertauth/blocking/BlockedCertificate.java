package org.igniterealtime.openfire.plugin.boshcertauth.blocking;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of the block list.
 *
 * @param sha256    the fingerprint (for a fingerprint block), or "" when blocked by issuer+serial
 * @param issuer    the issuer DN as the admin gave it (issuer+serial block), or ""
 * @param serial    the serial as lower-case hex (issuer+serial block), or ""
 * @param reason    why (free text of the admin, shown on the page and in the audit log)
 * @param blockedBy the admin who blocked it
 */
public record BlockedCertificate(BlockKey key, String sha256, String issuer, String serial, String reason, String blockedBy,
                                 Instant blockedAt) {

    /** Column sizes of the schema (database/boshcertauth_*.sql); longer values are cut. */
    static final int MAX_ISSUER = 1024;
    static final int MAX_REASON = 1024;
    static final int MAX_BLOCKED_BY = 255;

    public BlockedCertificate {
        Objects.requireNonNull(key);
        Objects.requireNonNull(blockedAt);
        sha256 = cut(sha256, 64);
        issuer = cut(issuer, MAX_ISSUER);
        serial = cut(serial, 128);
        reason = cut(reason, MAX_REASON);
        blockedBy = cut(blockedBy, MAX_BLOCKED_BY);
    }

    public static BlockedCertificate bySha256(BlockKey key, String reason, String blockedBy, Instant at) {
        return new BlockedCertificate(key, key.value().substring(BlockKey.SHA256_PREFIX.length()), "", "", reason, blockedBy, at);
    }

    public static BlockedCertificate byIssuerSerial(BlockKey key, String issuer, String serial, String reason, String blockedBy, Instant at) {
        return new BlockedCertificate(key, "", issuer, BlockKey.normalSerial(serial).orElse(serial), reason, blockedBy, at);
    }

    private static String cut(String text, int max) {
        final String value = text == null ? "" : text;
        return value.length() <= max ? value : value.substring(0, max);
    }
}
