package org.igniterealtime.openfire.plugin.boshcertauth.sasl;

/** The web transports boshcertauth.sasl.enforcement applies to (TCP c2s is always Openfire's). */
public enum WebTransport {
    BOSH("BOSH"),
    WEBSOCKET("WebSocket");

    private final String displayName;

    WebTransport(String displayName) {
        this.displayName = displayName;
    }

    /** How audit details name it. */
    public String displayName() {
        return displayName;
    }
}
