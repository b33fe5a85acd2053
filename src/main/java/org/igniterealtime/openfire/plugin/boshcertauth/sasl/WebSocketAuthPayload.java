package org.igniterealtime.openfire.plugin.boshcertauth.sasl;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The initial response of the internal mechanism: {@code token NUL kind data}, where kind is {@code '-'} (the client
 * sent no initial response), {@code '='} (it sent "=", an empty one) or {@code '+'} (data follows: the authzid bytes
 * the client sent). Openfire base64-decodes the element text and hands us these bytes unchanged.
 */
public record WebSocketAuthPayload(String token, Kind kind, byte[] data) {

    public enum Kind {
        NONE('-'), EMPTY('='), DATA('+');

        final char marker;

        Kind(char marker) {
            this.marker = marker;
        }
    }

    public WebSocketAuthPayload {
        data = data == null ? new byte[0] : data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    public byte[] encode() {
        final byte[] head = (token + '\0' + kind.marker).getBytes(StandardCharsets.US_ASCII);
        final byte[] out = Arrays.copyOf(head, head.length + data.length);
        System.arraycopy(data, 0, out, head.length, data.length);
        return out;
    }

    /** @return the payload, or empty when the bytes are not one we produced */
    public static Optional<WebSocketAuthPayload> decode(byte[] bytes) {
        int nul = -1;
        for (int i = 0; i < bytes.length && i <= 64; i++) {
            if (bytes[i] == 0) {
                nul = i;
                break;
            }
        }
        if (nul <= 0 || nul + 1 >= bytes.length) {
            return Optional.empty();
        }
        final String token = new String(bytes, 0, nul, StandardCharsets.US_ASCII);
        for (Kind kind : Kind.values()) {
            if (bytes[nul + 1] == kind.marker) {
                final byte[] data = Arrays.copyOfRange(bytes, nul + 2, bytes.length);
                if (kind != Kind.DATA && data.length > 0) {
                    return Optional.empty();
                }
                return Optional.of(new WebSocketAuthPayload(token, kind, data));
            }
        }
        return Optional.empty();
    }
}
