package org.igniterealtime.openfire.plugin.boshcertauth.websocket;

import org.eclipse.jetty.ee8.websocket.api.BatchMode;
import org.eclipse.jetty.ee8.websocket.api.RemoteEndpoint;
import org.eclipse.jetty.ee8.websocket.api.WriteCallback;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.function.UnaryOperator;

/** Jetty's remote endpoint with whole text frames passed through a rewrite; everything else unchanged. */
final class RewritingRemoteEndpoint implements RemoteEndpoint {

    private final RemoteEndpoint delegate;
    private final UnaryOperator<String> rewrite;

    RewritingRemoteEndpoint(RemoteEndpoint delegate, UnaryOperator<String> rewrite) {
        this.delegate = delegate;
        this.rewrite = rewrite;
    }

    @Override public void sendString(String text) throws IOException { delegate.sendString(rewrite.apply(text)); }
    @Override public void sendString(String text, WriteCallback callback) { delegate.sendString(rewrite.apply(text), callback); }

    // Openfire sends every frame whole; partial frames are passed on as they are.
    @Override public void sendPartialString(String fragment, boolean isLast) throws IOException { delegate.sendPartialString(fragment, isLast); }
    @Override public void sendPartialString(String fragment, boolean isLast, WriteCallback callback) { delegate.sendPartialString(fragment, isLast, callback); }
    @Override public void sendBytes(ByteBuffer data) throws IOException { delegate.sendBytes(data); }
    @Override public void sendBytes(ByteBuffer data, WriteCallback callback) { delegate.sendBytes(data, callback); }
    @Override public void sendPartialBytes(ByteBuffer fragment, boolean isLast) throws IOException { delegate.sendPartialBytes(fragment, isLast); }
    @Override public void sendPartialBytes(ByteBuffer fragment, boolean isLast, WriteCallback callback) { delegate.sendPartialBytes(fragment, isLast, callback); }
    @Override public void sendPing(ByteBuffer applicationData) throws IOException { delegate.sendPing(applicationData); }
    @Override public void sendPing(ByteBuffer applicationData, WriteCallback callback) { delegate.sendPing(applicationData, callback); }
    @Override public void sendPong(ByteBuffer applicationData) throws IOException { delegate.sendPong(applicationData); }
    @Override public void sendPong(ByteBuffer applicationData, WriteCallback callback) { delegate.sendPong(applicationData, callback); }
    @Override public BatchMode getBatchMode() { return delegate.getBatchMode(); }
    @Override public void setBatchMode(BatchMode mode) { delegate.setBatchMode(mode); }
    @Override public int getMaxOutgoingFrames() { return delegate.getMaxOutgoingFrames(); }
    @Override public void setMaxOutgoingFrames(int maxOutgoingFrames) { delegate.setMaxOutgoingFrames(maxOutgoingFrames); }
    @Override public SocketAddress getRemoteAddress() { return delegate.getRemoteAddress(); }
    @Override public void flush() throws IOException { delegate.flush(); }
}
