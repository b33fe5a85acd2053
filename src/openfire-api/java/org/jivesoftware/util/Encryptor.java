// Compile-only declaration of Openfire API (see src/openfire-api/README.md). Not packaged.
package org.jivesoftware.util;

/** Openfire's property encryptor (JiveGlobals.getPropertyEncryptor()); the same in 5.0, 5.1 and 5.2. */
public interface Encryptor {
    String encrypt(String value);
    String decrypt(String value);
}
