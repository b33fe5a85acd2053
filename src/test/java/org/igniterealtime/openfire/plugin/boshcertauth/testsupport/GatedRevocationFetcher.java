package org.igniterealtime.openfire.plugin.boshcertauth.testsupport;

import org.igniterealtime.openfire.plugin.boshcertauth.revocation.HttpRevocationFetcher;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationFetcher;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The production HTTP transport (to a real {@link TestRevocationServer}) behind a gate: every CRL download and OCSP
 * request waits until {@link #open()}. So a test can have many logins under way before the first answer arrives and
 * count how many requests they made, without relying on timing. Once opened it stays open.
 */
public final class GatedRevocationFetcher implements RevocationFetcher, AutoCloseable {

    private final HttpRevocationFetcher http = new HttpRevocationFetcher(Duration.ofSeconds(10));
    private final CountDownLatch gate = new CountDownLatch(1);

    public void open() {
        gate.countDown();
    }

    @Override
    public byte[] get(URI uri, long maxBytes, Duration timeout) throws IOException {
        pass();
        return http.get(uri, maxBytes, timeout);
    }

    @Override
    public byte[] post(URI uri, String contentType, byte[] body, long maxBytes, Duration timeout) throws IOException {
        pass();
        return http.post(uri, contentType, body, maxBytes, timeout);
    }

    private void pass() throws IOException {
        try {
            if (!gate.await(2, TimeUnit.MINUTES)) {
                throw new IOException("the test never opened the gate");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted at the gate", e);
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
