package org.igniterealtime.openfire.plugin.boshcertauth.session;

/** How a certificate session reached the server; {@link #stage()} is what the audit trail calls it. */
public enum Transport {
    BOSH("sasl"),
    WEBSOCKET("websocket");

    private final String stage;

    Transport(String stage) {
        this.stage = stage;
    }

    /** The audit stage of this transport's logins (see LoginAttempt#transport()). */
    public String stage() {
        return stage;
    }

    /** The transport of a login decided at this audit stage; BOSH for anything that is not WebSocket. */
    public static Transport ofStage(String stage) {
        return WEBSOCKET.stage.equals(stage) ? WEBSOCKET : BOSH;
    }
}
