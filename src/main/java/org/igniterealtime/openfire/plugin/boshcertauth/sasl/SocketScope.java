package org.igniterealtime.openfire.plugin.boshcertauth.sasl;

import java.util.function.Supplier;

/**
 * The certificate of the WebSocket connection whose frame the current thread is handing to Openfire.
 *
 * <p>Openfire processes a WebSocket frame synchronously on the thread that delivers it — stream features and SASL
 * negotiation included. While such a frame of a certificate connection is processed, our SASL factory reports the
 * internal mechanism as implemented; at every other moment (TCP, BOSH, other WebSocket connections, the admin
 * console) it does not, so Openfire never advertises it elsewhere and refuses it as an unknown mechanism.</p>
 */
public final class SocketScope {

    private static final ThreadLocal<SocketCertificate> CURRENT = new ThreadLocal<>();

    private SocketScope() {}

    public static SocketCertificate current() {
        return CURRENT.get();
    }

    /** Runs the action with the certificate as the current one, restoring what was there before. */
    public static void run(SocketCertificate certificate, Runnable action) {
        final SocketCertificate previous = CURRENT.get();
        CURRENT.set(certificate);
        try {
            action.run();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    public static <T> T call(SocketCertificate certificate, Supplier<T> action) {
        final Object[] result = new Object[1];
        run(certificate, () -> result[0] = action.get());
        @SuppressWarnings("unchecked") final T value = (T) result[0];
        return value;
    }
}
