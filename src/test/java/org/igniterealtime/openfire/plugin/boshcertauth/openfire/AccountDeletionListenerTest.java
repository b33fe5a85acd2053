package org.igniterealtime.openfire.plugin.boshcertauth.openfire;

import org.igniterealtime.openfire.plugin.boshcertauth.registration.CertificateManagement;
import org.jivesoftware.openfire.event.UserEventDispatcher;
import org.jivesoftware.openfire.event.UserEventListener;
import org.jivesoftware.openfire.user.User;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.MockedStatic;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * Review M5: Openfire's userDeleting deletes the account's registered certificates, userCreated lets the name register
 * again; the listener is removed again.
 */
class AccountDeletionListenerTest {

    @Test
    void userDeletingDeletesTheRegistrationsAndRemoveUnregisters() throws Exception {
        // Setup
        final CertificateManagement management = mock(CertificateManagement.class);
        final User user = mock(User.class);
        when(user.getUsername()).thenReturn("alice");
        try (MockedStatic<UserEventDispatcher> dispatcher = mockStatic(UserEventDispatcher.class)) {
            // Execute
            final AccountDeletionListener listener = AccountDeletionListener.register(management);
            listener.userModified(user, Map.of());
            listener.userCreated(user, Map.of());
            verify(management, never()).accountDeleted("alice");
            listener.userDeleting(user, Map.of());
            listener.remove();

            // Verify
            final ArgumentCaptor<UserEventListener> added = ArgumentCaptor.forClass(UserEventListener.class);
            dispatcher.verify(() -> UserEventDispatcher.addListener(added.capture()));
            assertSame(listener, added.getValue());
            dispatcher.verify(() -> UserEventDispatcher.removeListener(listener));
            verify(management).accountDeleted("alice");
            verify(management).accountCreated("alice");
        }
    }
}
