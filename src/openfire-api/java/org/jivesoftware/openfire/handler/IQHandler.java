// Compile-only declaration of Openfire 5.1.1 API (see src/openfire-api/README.md). Not packaged.
package org.jivesoftware.openfire.handler;

import org.jivesoftware.openfire.IQHandlerInfo;
import org.jivesoftware.openfire.auth.UnauthorizedException;
import org.xmpp.packet.IQ;

/** Openfire's base of IQ handlers (it extends BasicModule and implements ChannelHandler&lt;IQ&gt;; not needed here). */
public abstract class IQHandler {
    public IQHandler(String moduleName) {
    }

    public abstract IQ handleIQ(IQ packet) throws UnauthorizedException;

    public abstract IQHandlerInfo getInfo();
}
