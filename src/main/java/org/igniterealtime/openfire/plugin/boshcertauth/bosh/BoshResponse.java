package org.igniterealtime.openfire.plugin.boshcertauth.bosh;

import org.igniterealtime.openfire.plugin.boshcertauth.sasl.MechanismListRewriter;
import javax.servlet.ServletOutputStream;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * The response Openfire's BOSH servlet writes to. Normally a pass-through; for the session-creation response of a
 * session with a usable certificate it collects the body (Openfire always declares its exact length first), narrows
 * the offered SASL mechanisms to EXTERNAL and writes the result with the corrected length. Works with Openfire's
 * asynchronous writes: the servlet's WriteListener stays registered on the real stream.
 */
final class BoshResponse extends HttpServletResponseWrapper {

    private volatile boolean rewriteMechanisms;
    /** With rewriteMechanisms: EXTERNAL added to Openfire's list if absent (before any narrowing). */
    private volatile boolean addExternal;
    /** With rewriteMechanisms: the list narrowed to EXTERNAL alone. */
    private volatile boolean externalOnly = true;
    private long declaredLength = -1;
    private RewritingOutputStream rewritingStream;

    BoshResponse(HttpServletResponse response) {
        super(response);
    }

    /** From now on, a session-creation response offering EXTERNAL among others is reduced to EXTERNAL. */
    void rewriteMechanismsToExternalOnly() {
        rewriteMechanisms = true;
    }

    /**
     * From now on, a session-creation response keeps Openfire's mechanisms with EXTERNAL added if it is missing (a
     * session whose certificate cannot be used: EXTERNAL then fails with the certificate's reason).
     *
     * @param alone narrow the list to EXTERNAL as well (when no other mechanism would be allowed anyway)
     */
    void rewriteMechanismsToIncludeExternal(boolean alone) {
        addExternal = true;
        externalOnly = alone;
        rewriteMechanisms = true;
    }

    boolean rewritesMechanisms() {
        return rewriteMechanisms;
    }

    @Override
    public void setContentLength(int len) {
        setContentLengthLong(len);
    }

    @Override
    public void setContentLengthLong(long len) {
        if (rewriteMechanisms && rewritingStream == null) {
            declaredLength = len; // the real length is set once the rewritten body is known
        } else {
            super.setContentLengthLong(len);
        }
    }

    @Override
    public synchronized ServletOutputStream getOutputStream() throws IOException {
        if (!rewriteMechanisms) {
            return super.getOutputStream();
        }
        if (rewritingStream == null) {
            if (declaredLength < 0 || declaredLength > 64 * 1024) {
                // Unknown or unusual length: not a session-creation response we understand; leave it alone.
                rewriteMechanisms = false;
                if (declaredLength >= 0) {
                    super.setContentLengthLong(declaredLength);
                }
                return super.getOutputStream();
            }
            rewritingStream = new RewritingOutputStream(super.getOutputStream(), (int) declaredLength);
        }
        return rewritingStream;
    }

    /** Buffers exactly the declared number of bytes, then writes the rewritten body to the real stream. */
    private final class RewritingOutputStream extends ServletOutputStream {
        private final ServletOutputStream target;
        private final int expected;
        private final ByteArrayOutputStream buffer;
        private boolean passThrough;

        RewritingOutputStream(ServletOutputStream target, int expected) {
            this.target = target;
            this.expected = expected;
            this.buffer = new ByteArrayOutputStream(expected);
        }

        @Override
        public boolean isReady() {
            // While collecting, accepting bytes never blocks; afterwards the real stream decides.
            return !passThrough || target.isReady();
        }

        @Override
        public void setWriteListener(WriteListener writeListener) {
            target.setWriteListener(writeListener);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] { (byte) b }, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (passThrough) {
                target.write(b, off, len);
                return;
            }
            buffer.write(b, off, len);
            if (buffer.size() >= expected) {
                final byte[] offered = addExternal ? MechanismListRewriter.withExternal(buffer.toByteArray()) : buffer.toByteArray();
                final byte[] body = externalOnly ? MechanismListRewriter.externalOnly(offered) : offered;
                BoshResponse.super.setContentLengthLong(body.length);
                passThrough = true;
                // The servlet only writes after isReady() said so, which for the real stream is still true: this
                // is the first write it sees.
                target.write(body);
            }
        }

        @Override
        public void flush() throws IOException {
            if (passThrough) {
                target.flush();
            }
        }

        @Override
        public void close() throws IOException {
            if (!passThrough) {
                // Fewer bytes than declared: send them as they are (Openfire would have done the same).
                final byte[] body = buffer.toByteArray();
                BoshResponse.super.setContentLengthLong(body.length);
                passThrough = true;
                target.write(body);
            }
            target.close();
        }
    }
}
