package org.igniterealtime.openfire.plugin.boshcertauth.request.proxy;

import java.util.List;

/**
 * The trusted-proxy list has invalid entries; {@link #errors()} has one message per entry, ready for the admin page,
 * e.g. {@code entry 3 '10.0.0.300' is not an IP address or CIDR (host names are not accepted)}.
 */
public final class InvalidTrustedProxiesException extends IllegalArgumentException {

    private final List<String> errors;

    InvalidTrustedProxiesException(List<String> errors) {
        super(String.join("; ", errors));
        this.errors = List.copyOf(errors);
    }

    public List<String> errors() {
        return errors;
    }
}
