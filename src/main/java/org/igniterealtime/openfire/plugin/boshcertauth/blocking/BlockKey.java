package org.igniterealtime.openfire.plugin.boshcertauth.blocking;

import org.igniterealtime.openfire.plugin.boshcertauth.audit.CertificateSummary;

import javax.security.auth.x500.X500Principal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What identifies a blocked certificate: its SHA-256 fingerprint, or its issuer and serial number (which also covers
 * re-encodings of the same certificate and a certificate the admin has never seen). The key is the database's
 * primary key: {@code sha256:<64 hex>} or {@code issuer-serial:<64 hex>}, the latter the SHA-256 of the issuer's
 * canonical DN (RFC 2253 canonical form, so spacing and case of the admin's input do not matter) and the serial.
 */
public record BlockKey(String value) {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern SERIAL = Pattern.compile("[0-9a-f]{1,128}");
    static final String SHA256_PREFIX = "sha256:";
    static final String ISSUER_SERIAL_PREFIX = "issuer-serial:";

    /** The fingerprint key from a hex SHA-256 (colons, spaces and case ignored); empty when it is not 64 hex digits. */
    public static Optional<BlockKey> ofSha256(String hex) {
        final String normal = hex == null ? "" : hex.replace(":", "").replace(" ", "").toLowerCase(Locale.ROOT);
        return SHA256.matcher(normal).matches() ? Optional.of(new BlockKey(SHA256_PREFIX + normal)) : Optional.empty();
    }

    /**
     * The issuer+serial key; empty when the issuer is no DN or the serial no hex number.
     *
     * @param serialHex hex serial, as the admin page and audit log show it (leading zeros and colons ignored)
     */
    public static Optional<BlockKey> ofIssuerSerial(String issuer, String serialHex) {
        final Optional<String> canonical = canonicalIssuer(issuer);
        final Optional<String> serial = normalSerial(serialHex);
        if (canonical.isEmpty() || serial.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(issuerSerial(canonical.get(), serial.get()));
    }

    /** Both keys of a certificate: fingerprint first, then issuer+serial. */
    public static BlockKey[] of(X509Certificate certificate) {
        final String sha256 = CertificateSummary.sha256(certificate);
        final BlockKey bySerial = issuerSerial(certificate.getIssuerX500Principal().getName(X500Principal.CANONICAL),
            certificate.getSerialNumber().toString(16));
        return sha256.isEmpty() ? new BlockKey[] {bySerial} : new BlockKey[] {new BlockKey(SHA256_PREFIX + sha256), bySerial};
    }

    public static Optional<String> canonicalIssuer(String issuer) {
        if (issuer == null || issuer.isBlank() || issuer.length() > 4096) {
            return Optional.empty();
        }
        try {
            return Optional.of(new X500Principal(issuer.strip()).getName(X500Principal.CANONICAL));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The serial as lower-case hex without leading zeros (BigInteger#toString(16) of it). */
    public static Optional<String> normalSerial(String serialHex) {
        final String stripped = serialHex == null ? "" : serialHex.replace(":", "").replace(" ", "").toLowerCase(Locale.ROOT);
        if (!SERIAL.matcher(stripped).matches()) {
            return Optional.empty();
        }
        return Optional.of(new BigInteger(stripped, 16).toString(16));
    }

    private static BlockKey issuerSerial(String canonicalIssuer, String serial) {
        try {
            final byte[] digest = MessageDigest.getInstance("SHA-256")
                .digest((canonicalIssuer + "\n" + serial).getBytes(StandardCharsets.UTF_8));
            return new BlockKey(ISSUER_SERIAL_PREFIX + HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    public boolean bySha256() {
        return value.startsWith(SHA256_PREFIX);
    }

    @Override
    public String toString() {
        return value;
    }
}
