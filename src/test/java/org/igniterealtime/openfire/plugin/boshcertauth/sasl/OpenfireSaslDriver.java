package org.igniterealtime.openfire.plugin.boshcertauth.sasl;

import org.jivesoftware.openfire.sasl.Failure;
import org.jivesoftware.openfire.sasl.SaslFailureException;

import javax.security.sasl.SaslException;
import javax.security.sasl.SaslServer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * Plays Openfire 5.1.1's {@code SASLAuthentication.handle()} for {@code <auth/>} and {@code <response/>}, in its order:
 * the server is created first, then the element's text decides the session-data marker (empty text: marker removed,
 * "=": marker set) and the bytes ({@code new byte[0]} for both), then {@code evaluateResponse}, then {@code isComplete}
 * (challenge or success). Openfire's own lock-out re-check after completion is left out on purpose, so that the tests
 * see what our server decides.
 */
public final class OpenfireSaslDriver {

    /** What Openfire sends the client. */
    public sealed interface Outcome permits Challenge, Success, Failed {}

    public record Challenge(byte[] data) implements Outcome {}

    public record Success(String authorizationId, String mechanism) implements Outcome {}

    /** @param exception what the SaslServer threw (Openfire turns anything but a SaslFailureException into not-authorized) */
    public record Failed(Failure failure, Exception exception) implements Outcome {}

    @FunctionalInterface
    public interface ServerCreator {
        SaslServer create(String mechanism) throws SaslException;
    }

    private final Map<String, Object> sessionData;
    private final ServerCreator creator;
    private SaslServer server;
    private int challenges;

    public OpenfireSaslDriver(Map<String, Object> sessionData, ServerCreator creator) {
        this.sessionData = sessionData;
        this.creator = creator;
    }

    /** {@code <auth mechanism='...'>text</auth>}; text "" for none. */
    public Outcome auth(String mechanism, String text) {
        try {
            server = creator.create(mechanism);
        } catch (Exception e) {
            return failed(e);
        }
        if (server == null) {
            return new Failed(Failure.INVALID_MECHANISM, null);
        }
        return response(text);
    }

    /** {@code <auth mechanism='...'>base64(authzid)</auth>}. */
    public Outcome authWithAuthzid(String mechanism, String authzid) {
        return auth(mechanism, base64(authzid.getBytes(StandardCharsets.UTF_8)));
    }

    /** {@code <response>text</response>}. */
    public Outcome response(String text) {
        if (server == null) {
            throw new IllegalStateException("no SaslServer on the session");
        }
        final byte[] decoded;
        if (text == null || text.isEmpty()) {
            sessionData.remove(SaslTestBed.EMPTY_RESPONSE_MARKER);
            decoded = new byte[0];
        } else if (text.equals("=")) {
            sessionData.put(SaslTestBed.EMPTY_RESPONSE_MARKER, true);
            decoded = new byte[0];
        } else {
            sessionData.remove(SaslTestBed.EMPTY_RESPONSE_MARKER);
            decoded = Base64.getDecoder().decode(text);
        }
        try {
            final byte[] challenge = server.evaluateResponse(decoded);
            if (!server.isComplete()) {
                challenges++;
                return new Challenge(challenge);
            }
            final Success success = new Success(server.getAuthorizationID(), server.getMechanismName());
            server = null;
            return success;
        } catch (Exception e) {
            server = null;
            return failed(e);
        }
    }

    /** How many challenges the server has sent on this driver. */
    public int challenges() {
        return challenges;
    }

    public SaslServer server() {
        return server;
    }

    public static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static Failed failed(Exception e) {
        if (e instanceof SaslFailureException f && f.getFailure() != null) {
            return new Failed(f.getFailure(), e);
        }
        return new Failed(Failure.NOT_AUTHORIZED, e);
    }
}
