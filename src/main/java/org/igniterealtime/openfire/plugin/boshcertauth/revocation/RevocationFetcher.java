package org.igniterealtime.openfire.plugin.boshcertauth.revocation;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/**
 * Transport for CRL downloads and OCSP requests. The default is {@link HttpRevocationFetcher}; another implementation
 * can be injected (e.g. to count or delay requests in tests), but it must honour the size cap and the timeout.
 */
public interface RevocationFetcher {

    /** GETs the resource (a CRL); fails when it is larger than {@code maxBytes} or takes longer than {@code timeout}. */
    byte[] get(URI uri, long maxBytes, Duration timeout) throws IOException;

    /** POSTs {@code body} (an OCSP request) and returns the response body, under the same limits. */
    byte[] post(URI uri, String contentType, byte[] body, long maxBytes, Duration timeout) throws IOException;
}
