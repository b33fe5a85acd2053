package org.igniterealtime.openfire.plugin.boshcertauth.session;

import java.util.ArrayList;
import java.util.List;

/** A session handle that records how it was ended (stands in for Openfire's session). */
final class RecordingHandle implements SessionHandle {

    final List<String> endTexts = new ArrayList<>();
    volatile boolean closed;

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public synchronized void end(String text) {
        endTexts.add(text);
        closed = true;
    }
}
