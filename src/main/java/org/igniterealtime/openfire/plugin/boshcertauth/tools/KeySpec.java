package org.igniterealtime.openfire.plugin.boshcertauth.tools;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.Locale;

/**
 * The key of a test certificate: EC on P-256 or RSA with 2048, 3072 or 4096 bits. Only sizes the plugin's default
 * algorithm floor accepts can be chosen, so that a test certificate never fails for its key.
 *
 * @param type the key algorithm
 * @param bits 256 for EC; 2048, 3072 or 4096 for RSA
 */
public record KeySpec(Type type, int bits) {

    /** The key algorithms the tool offers. */
    public enum Type { EC, RSA }

    public KeySpec {
        if (type == null) {
            throw new IllegalArgumentException("key type is required");
        }
        if (type == Type.EC && bits != 256) {
            throw new IllegalArgumentException("EC keys are P-256 (256 bits), not " + bits);
        }
        if (type == Type.RSA && bits != 2048 && bits != 3072 && bits != 4096) {
            throw new IllegalArgumentException("RSA keys must have 2048, 3072 or 4096 bits, not " + bits);
        }
    }

    /** EC on NIST P-256 (secp256r1): small, fast, accepted by every current browser. */
    public static KeySpec ec() {
        return new KeySpec(Type.EC, 256);
    }

    public static KeySpec rsa(int bits) {
        return new KeySpec(Type.RSA, bits);
    }

    /** "ec" or "rsa" (any case), with the RSA size used only for RSA. */
    public static KeySpec parse(String type, int rsaBits) {
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "ec" -> ec();
            case "rsa" -> rsa(rsaBits);
            default -> throw new IllegalArgumentException("key type must be ec or rsa, not '" + type + "'");
        };
    }

    KeyPair generate() throws GeneralSecurityException {
        final KeyPairGenerator generator = KeyPairGenerator.getInstance(type.name());
        if (type == Type.EC) {
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
        } else {
            generator.initialize(bits, new SecureRandom());
        }
        return generator.generateKeyPair();
    }

    /** SHA-256 signatures: above the plugin's floor (SHA-1 and MD5 are refused) and understood everywhere. */
    static String signatureAlgorithmFor(java.security.PrivateKey signingKey) {
        return "EC".equals(signingKey.getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
    }

    @Override
    public String toString() {
        return type == Type.EC ? "EC P-256" : "RSA " + bits;
    }
}
