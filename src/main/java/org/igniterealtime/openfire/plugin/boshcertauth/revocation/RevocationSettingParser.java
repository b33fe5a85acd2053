package org.igniterealtime.openfire.plugin.boshcertauth.revocation;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMParser;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Locale;

/**
 * Parses the values of the revocation settings. Each method either returns a valid value or throws
 * {@link IllegalArgumentException} with a message for the plugin page's warning; the caller then applies the strict
 * behaviour. Setting values are hostile input: nothing here follows a redirect, expands a variable or reads more than
 * one small file.
 */
public final class RevocationSettingParser {

    /** A responder certificate file is one PEM certificate; anything larger is not what the setting is for. */
    private static final long MAX_CERTIFICATE_FILE_BYTES = 64 * 1024;

    private RevocationSettingParser() {}

    /** An absolute http(s) URL with a host and without user info or fragment. */
    public static URI httpUrl(String value) {
        final URI uri;
        try {
            uri = new URI(value.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + value + "' is not a URL");
        }
        final String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("'" + value + "' is not an http or https URL");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("'" + value + "' must name a host and have no user info or fragment");
        }
        return uri;
    }

    /** A CRL source: an absolute file path (as a {@code file:} URI) or an http(s) URL. */
    public static URI crlSource(String entry) {
        final String value = entry.trim();
        if (value.regionMatches(true, 0, "http://", 0, 7) || value.regionMatches(true, 0, "https://", 0, 8)) {
            return httpUrl(value);
        }
        return absolutePath(value).toUri();
    }

    /**
     * The one X.509 certificate in the PEM file at {@code path} (absolute), read with Bouncy Castle's PEM parser.
     */
    public static X509Certificate pemCertificateFile(String value) {
        final Path path = absolutePath(value.trim());
        try {
            if (!Files.isRegularFile(path) || Files.size(path) > MAX_CERTIFICATE_FILE_BYTES) {
                throw new IllegalArgumentException(path + " is not a file of at most " + MAX_CERTIFICATE_FILE_BYTES + " bytes");
            }
            try (Reader reader = Files.newBufferedReader(path, StandardCharsets.US_ASCII); PEMParser pem = new PEMParser(reader)) {
                final Object first = pem.readObject();
                if (!(first instanceof X509CertificateHolder holder)) {
                    throw new IllegalArgumentException(path + " does not start with a PEM certificate (-----BEGIN CERTIFICATE-----)");
                }
                if (pem.readObject() != null) {
                    throw new IllegalArgumentException(path + " holds more than one PEM object; give exactly the responder's certificate");
                }
                return new JcaX509CertificateConverter().getCertificate(holder);
            }
        } catch (IOException | CertificateException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae) {
                throw iae;
            }
            throw new IllegalArgumentException(path + " cannot be read as a PEM certificate: " + e.getMessage());
        }
    }

    /** {@code UNKNOWN} or {@code REFUSE} (any case). */
    public static StaleCrlAction staleCrl(String value) {
        try {
            return StaleCrlAction.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + value + "' is neither UNKNOWN nor REFUSE");
        }
    }

    private static Path absolutePath(String value) {
        final Path path;
        try {
            path = Path.of(value);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("'" + value + "' is not a file path");
        }
        if (!path.isAbsolute()) {
            throw new IllegalArgumentException("'" + value + "' is neither an absolute file path nor an http(s) URL");
        }
        return path.normalize();
    }
}
