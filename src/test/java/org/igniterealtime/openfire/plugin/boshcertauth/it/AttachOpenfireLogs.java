package org.igniterealtime.openfire.plugin.boshcertauth.it;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.TestAbortedException;

/**
 * JUnit extension: when a test (or a lifecycle method) of the annotated class fails while an {@link OpenfireServer}
 * runs (or was stopped during that test, e.g. by try-with-resources), the tail of Openfire's logs is attached to the failure as a suppressed exception, so the report shows what
 * the server did. Start failures need no help: {@link OpenfireServer.Builder#start()} already puts the tail into its
 * exception message.
 *
 * <pre>   &#64;ExtendWith(AttachOpenfireLogs.class) class MyIT { ... }</pre>
 */
public final class AttachOpenfireLogs
        implements BeforeAllCallback, BeforeEachCallback, TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {

    static final int TAIL_LINES = 150;

    @Override
    public void beforeAll(ExtensionContext context) {
        OpenfireServer.forgetClosedLogTails();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        OpenfireServer.forgetClosedLogTails(); // only servers stopped during this test are of interest
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw attach(throwable);
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw attach(throwable);
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw attach(throwable);
    }

    @Override
    public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw attach(throwable);
    }

    private static Throwable attach(Throwable failure) {
        if (failure instanceof TestAbortedException) {
            return failure; // skipped, not failed
        }
        for (OpenfireServer server : OpenfireServer.running()) {
            failure.addSuppressed(new OpenfireLogs(server + "\n" + server.logTail(TAIL_LINES)));
        }
        for (String tail : OpenfireServer.closedLogTails()) {
            failure.addSuppressed(new OpenfireLogs(tail));
        }
        return failure;
    }

    /** Carries log text in its message; no stack trace, it would only be noise. */
    static final class OpenfireLogs extends Exception {
        OpenfireLogs(String logs) {
            super("Openfire logs:\n" + logs, null, false, false);
        }
    }
}
