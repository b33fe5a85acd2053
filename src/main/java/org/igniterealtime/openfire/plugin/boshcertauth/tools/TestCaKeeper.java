package org.igniterealtime.openfire.plugin.boshcertauth.tools;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.Optional;

/**
 * Where a test CA is kept: a directory ({@link TestCaStore}, the command line's and a single server's) or Openfire's
 * database ({@link JdbcTestCaStore}, the same CA for every cluster node).
 */
public interface TestCaKeeper {

    /** The kept CA, or empty when there is none; creates nothing. */
    Optional<TestCertificateAuthority> load() throws IOException, GeneralSecurityException;

    /**
     * The kept CA; a new one made with these options when there is none yet. Never replaces a kept CA it cannot
     * open (certificates issued by it and its truststore entry would silently stop working).
     */
    TestCertificateAuthority ensure(TestCertificateAuthority.Options options) throws IOException, GeneralSecurityException;

    /** Forgets the kept CA (and its password); true when there was one. */
    boolean delete() throws IOException;
}
