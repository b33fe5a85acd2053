package org.igniterealtime.openfire.plugin.boshcertauth.tools;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.crypto.spec.PBEParameterSpec;

/**
 * PKCS#12 files as browsers import them: the JDK's own PKCS#12 implementation (provider SUN, whatever other provider
 * is registered first, e.g. Bouncy Castle inside Openfire) with the JDK 17 defaults — certificates encrypted with
 * PBES2/PBKDF2-HMAC-SHA256/AES-256-CBC, HMAC-SHA256 integrity — and the private key protected with the same
 * algorithm, set explicitly so that it holds even where the legacy (RC2/3DES) defaults have been configured.
 */
public final class Pkcs12 {

    /** What the key bag is encrypted with (PBES2: PBKDF2 with HMAC-SHA256, AES-256-CBC). */
    public static final String KEY_PROTECTION = "PBEWithHmacSHA256AndAES_256";
    private static final int ITERATIONS = 10_000;
    private static final String PROVIDER = "SUN";

    private Pkcs12() {}

    /** One private key entry with its chain (leaf first). */
    public static byte[] write(String alias, PrivateKey key, List<X509Certificate> chain, char[] password)
        throws GeneralSecurityException {
        requirePassword(password);
        final KeyStore store = KeyStore.getInstance("PKCS12", PROVIDER);
        try {
            store.load(null, null);
            final byte[] salt = new byte[16];
            new SecureRandom().nextBytes(salt);
            store.setEntry(alias, new KeyStore.PrivateKeyEntry(key, chain.toArray(new Certificate[0])),
                new KeyStore.PasswordProtection(password, KEY_PROTECTION, new PBEParameterSpec(salt, ITERATIONS)));
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            store.store(out, password);
            return out.toByteArray();
        } catch (IOException e) {
            throw new GeneralSecurityException("PKCS#12 could not be written", e);
        }
    }

    /**
     * The single private key entry of a PKCS#12 file.
     *
     * @throws WrongPasswordException when the password does not open the file
     * @throws GeneralSecurityException when the bytes are no PKCS#12 or hold no private key
     */
    public static KeyEntry read(byte[] content, char[] password) throws GeneralSecurityException {
        final KeyStore store = load(content, password);
        for (String alias : Collections.list(store.aliases())) {
            if (store.isKeyEntry(alias)) {
                final PrivateKey key;
                try {
                    key = (PrivateKey) store.getKey(alias, password);
                } catch (UnrecoverableKeyException e) {
                    throw new WrongPasswordException();
                }
                final List<X509Certificate> chain = new ArrayList<>();
                for (Certificate c : store.getCertificateChain(alias)) {
                    chain.add((X509Certificate) c);
                }
                return new KeyEntry(alias, key, List.copyOf(chain));
            }
        }
        throw new GeneralSecurityException("the PKCS#12 file holds no private key");
    }

    /** Every certificate of a PKCS#12 file: the chains of key entries and trusted certificate entries. */
    public static List<X509Certificate> certificates(byte[] content, char[] password) throws GeneralSecurityException {
        final KeyStore store = load(content, password);
        final List<X509Certificate> result = new ArrayList<>();
        for (String alias : Collections.list(store.aliases())) {
            final Certificate[] chain = store.getCertificateChain(alias);
            if (chain != null) {
                for (Certificate c : chain) {
                    result.add((X509Certificate) c);
                }
            } else if (store.getCertificate(alias) instanceof X509Certificate c) {
                result.add(c);
            }
        }
        return result;
    }

    private static KeyStore load(byte[] content, char[] password) throws GeneralSecurityException {
        requirePassword(password);
        final KeyStore store = KeyStore.getInstance("PKCS12", PROVIDER);
        try {
            store.load(new ByteArrayInputStream(content), password);
        } catch (IOException e) {
            // The JDK signals a failed integrity check (almost always: a wrong password) as an IOException caused by
            // UnrecoverableKeyException; anything else means the bytes are not a PKCS#12 file.
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new WrongPasswordException();
            }
            throw new GeneralSecurityException("not a readable PKCS#12 file (" + e.getMessage() + ")", e);
        }
        return store;
    }

    private static void requirePassword(char[] password) {
        if (password == null || password.length == 0) {
            throw new IllegalArgumentException("a PKCS#12 password is required");
        }
    }

    /** A private key with its chain; {@link #toString()} never shows the key. */
    public record KeyEntry(String alias, PrivateKey privateKey, List<X509Certificate> chain) {
        @Override
        public String toString() {
            return "KeyEntry[alias=" + alias + ", " + chain.size() + " certificate(s), key " + privateKey.getAlgorithm() + "]";
        }
    }

    /** The password does not open the PKCS#12 file. */
    public static final class WrongPasswordException extends GeneralSecurityException {
        public WrongPasswordException() {
            super("wrong password for the PKCS#12 file");
        }

        /** @param file the file the password was for, named in the message */
        public WrongPasswordException(String file) {
            super("wrong password for the PKCS#12 file " + file);
        }
    }
}
