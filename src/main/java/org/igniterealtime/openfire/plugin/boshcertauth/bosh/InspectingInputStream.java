package org.igniterealtime.openfire.plugin.boshcertauth.bosh;

import javax.servlet.ReadListener;
import javax.servlet.ServletInputStream;
import java.io.IOException;

/**
 * Lets the servlet read the request body exactly as before, keeping a copy of its first bytes, and asks a check
 * before the servlet is told that the whole body has arrived. The filter itself never reads the body: Openfire's
 * HttpBindServlet reads it asynchronously, and a filter that read it would break that.
 */
final class InspectingInputStream extends ServletInputStream {

    /** Decides, from the start of the body, whether the servlet may process it; refuses the request itself if not. */
    @FunctionalInterface
    interface BodyCheck {
        boolean allow(byte[] prefix, int length);
    }

    private final ServletInputStream delegate;
    private final byte[] prefix;
    private final BodyCheck check;
    private int prefixLength;

    InspectingInputStream(ServletInputStream delegate, int prefixBytes, BodyCheck check) {
        this.delegate = delegate;
        this.prefix = new byte[prefixBytes];
        this.check = check;
    }

    @Override
    public boolean isFinished() {
        return delegate.isFinished();
    }

    @Override
    public boolean isReady() {
        return delegate.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
        delegate.setReadListener(new ReadListener() {
            @Override
            public void onDataAvailable() throws IOException {
                listener.onDataAvailable();
            }

            @Override
            public void onAllDataRead() throws IOException {
                if (check.allow(prefix, prefixLength)) {
                    listener.onAllDataRead();
                }
            }

            @Override
            public void onError(Throwable t) {
                listener.onError(t);
            }
        });
    }

    @Override
    public int read() throws IOException {
        final int b = delegate.read();
        if (b >= 0 && prefixLength < prefix.length) {
            prefix[prefixLength++] = (byte) b;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        final int n = delegate.read(b, off, len);
        if (n > 0 && prefixLength < prefix.length) {
            final int copy = Math.min(n, prefix.length - prefixLength);
            System.arraycopy(b, off, prefix, prefixLength, copy);
            prefixLength += copy;
        }
        return n;
    }
}
