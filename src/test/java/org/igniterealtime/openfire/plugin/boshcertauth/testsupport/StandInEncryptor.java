package org.igniterealtime.openfire.plugin.boshcertauth.testsupport;

import org.jivesoftware.util.Encryptor;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * What the unit tests' JiveGlobals stand-in gives as Openfire's property encryptor: reversible and visibly not the
 * plain value (base64); like Openfire's, decrypt gives null for what it cannot read.
 */
public final class StandInEncryptor implements Encryptor {

    @Override
    public String encrypt(String value) {
        return value == null ? null : Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String decrypt(String value) {
        try {
            return value == null ? null : new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
