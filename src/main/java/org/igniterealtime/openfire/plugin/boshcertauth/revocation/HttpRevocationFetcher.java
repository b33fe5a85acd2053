package org.igniterealtime.openfire.plugin.boshcertauth.revocation;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fetches CRLs and OCSP answers with the JDK's {@link HttpClient}: plain http only (RFC 5280 §4.2.1.13 and RFC 6960
 * use http; https would need certificate validation that itself needs revocation checking), no redirects, a size cap
 * enforced while reading, and a hard deadline per request that also covers connecting and reading the body.
 */
public final class HttpRevocationFetcher implements RevocationFetcher, AutoCloseable {

    private final ExecutorService executor;
    private final HttpClient client;

    public HttpRevocationFetcher(Duration connectTimeout) {
        this.executor = Executors.newCachedThreadPool(runnable -> {
            final Thread thread = new Thread(runnable, "boshcertauth-revocation-fetch");
            thread.setDaemon(true);
            return thread;
        });
        this.client = HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .executor(executor)
            .build();
    }

    @Override
    public byte[] get(URI uri, long maxBytes, Duration timeout) throws IOException {
        return send(HttpRequest.newBuilder(requireHttp(uri)).GET(), maxBytes, timeout);
    }

    @Override
    public byte[] post(URI uri, String contentType, byte[] body, long maxBytes, Duration timeout) throws IOException {
        return send(HttpRequest.newBuilder(requireHttp(uri)).header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)), maxBytes, timeout);
    }

    private byte[] send(HttpRequest.Builder builder, long maxBytes, Duration timeout) throws IOException {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IOException("no time left for the request");
        }
        final HttpRequest request = builder.timeout(timeout).build();
        final CompletableFuture<HttpResponse<byte[]>> response = client.sendAsync(request, info ->
            // A declared length above the cap fails at once; an undeclared one is counted while reading.
            new CappedBodySubscriber(info.headers().firstValueAsLong("Content-Length").orElse(0L) > maxBytes ? 0 : maxBytes));
        try {
            final HttpResponse<byte[]> result = response.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (result.statusCode() != 200) {
                throw new IOException("HTTP " + result.statusCode() + " from " + request.uri());
            }
            return result.body();
        } catch (TimeoutException e) {
            response.cancel(true);
            throw new IOException("no answer from " + request.uri() + " within " + timeout.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            response.cancel(true);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + request.uri(), e);
        } catch (ExecutionException e) {
            final Throwable cause = e.getCause();
            throw cause instanceof IOException io ? io : new IOException(String.valueOf(cause), cause);
        }
    }

    private static URI requireHttp(URI uri) throws IOException {
        if (uri.getScheme() == null || !uri.getScheme().toLowerCase(Locale.ROOT).equals("http")) {
            throw new IOException("only http revocation sources are fetched, not " + uri);
        }
        return uri;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
