package org.igniterealtime.openfire.plugin.boshcertauth.websocket;

import org.eclipse.jetty.ee8.websocket.api.CloseStatus;
import org.eclipse.jetty.ee8.websocket.api.RemoteEndpoint;
import org.eclipse.jetty.ee8.websocket.api.Session;
import org.eclipse.jetty.ee8.websocket.api.SuspendToken;
import org.eclipse.jetty.ee8.websocket.api.UpgradeRequest;
import org.eclipse.jetty.ee8.websocket.api.UpgradeResponse;
import org.eclipse.jetty.ee8.websocket.api.WebSocketBehavior;
import org.eclipse.jetty.ee8.websocket.api.WriteCallback;

import java.net.SocketAddress;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * The Jetty session handed to Openfire's endpoint: Openfire sends every frame through {@code getRemote()}, which
 * here rewrites outgoing text (stream features). Everything else is Jetty's session as it is.
 */
final class RewritingSession implements Session {

    private final Session delegate;
    private final UnaryOperator<String> rewrite;

    RewritingSession(Session delegate, UnaryOperator<String> rewrite) {
        this.delegate = delegate;
        this.rewrite = rewrite;
    }

    @Override public RemoteEndpoint getRemote() { return new RewritingRemoteEndpoint(delegate.getRemote(), rewrite); }

    @Override public void close() { delegate.close(); }
    @Override public void close(CloseStatus closeStatus) { delegate.close(closeStatus); }
    @Override public void close(int statusCode, String reason) { delegate.close(statusCode, reason); }
    @Override public void close(int statusCode, String reason, WriteCallback callback) { delegate.close(statusCode, reason, callback); }
    @Override public void disconnect() { delegate.disconnect(); }
    @Override public SocketAddress getLocalAddress() { return delegate.getLocalAddress(); }
    @Override public String getProtocolVersion() { return delegate.getProtocolVersion(); }
    @Override public SocketAddress getRemoteAddress() { return delegate.getRemoteAddress(); }
    @Override public UpgradeRequest getUpgradeRequest() { return delegate.getUpgradeRequest(); }
    @Override public UpgradeResponse getUpgradeResponse() { return delegate.getUpgradeResponse(); }
    @Override public boolean isOpen() { return delegate.isOpen(); }
    @Override public boolean isSecure() { return delegate.isSecure(); }
    @Override public SuspendToken suspend() { return delegate.suspend(); }
    @Override public WebSocketBehavior getBehavior() { return delegate.getBehavior(); }
    @Override public Duration getIdleTimeout() { return delegate.getIdleTimeout(); }
    @Override public int getInputBufferSize() { return delegate.getInputBufferSize(); }
    @Override public int getOutputBufferSize() { return delegate.getOutputBufferSize(); }
    @Override public long getMaxBinaryMessageSize() { return delegate.getMaxBinaryMessageSize(); }
    @Override public long getMaxTextMessageSize() { return delegate.getMaxTextMessageSize(); }
    @Override public long getMaxFrameSize() { return delegate.getMaxFrameSize(); }
    @Override public boolean isAutoFragment() { return delegate.isAutoFragment(); }
    @Override public void setIdleTimeout(Duration duration) { delegate.setIdleTimeout(duration); }
    @Override public void setInputBufferSize(int size) { delegate.setInputBufferSize(size); }
    @Override public void setOutputBufferSize(int size) { delegate.setOutputBufferSize(size); }
    @Override public void setMaxBinaryMessageSize(long size) { delegate.setMaxBinaryMessageSize(size); }
    @Override public void setMaxTextMessageSize(long size) { delegate.setMaxTextMessageSize(size); }
    @Override public void setMaxFrameSize(long maxFrameSize) { delegate.setMaxFrameSize(maxFrameSize); }
    @Override public void setAutoFragment(boolean autoFragment) { delegate.setAutoFragment(autoFragment); }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
