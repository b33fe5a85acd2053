package org.igniterealtime.openfire.plugin.boshcertauth.openfire;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInput;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The end-session cluster task crosses the wire as strings only, and another node's oversized input is refused. */
class NodeCommandTaskTest {

    @Test
    void theCommandAndItsArgumentsSurviveTheWire() throws Exception {
        // Setup
        final NodeCommandTask sent = new NodeCommandTask("boshcertauth.end-session", Map.of("session", "abc123", "admin", "admin", "from", "node-1"));

        // Execute
        final NodeCommandTask received = new NodeCommandTask();
        received.readExternal(input(sent::writeExternal));

        // Verify
        assertEquals("boshcertauth.end-session", received.command());
        assertEquals(Map.of("session", "abc123", "admin", "admin", "from", "node-1"), received.arguments());
    }

    @Test
    void tooManyArgumentsOrTooLongAValueAreRefusedWhileReading() throws Exception {
        // Setup: what a hostile or broken member could write
        final ObjectInput tooMany = input(out -> {
            out.writeUTF("boshcertauth.end-session");
            out.writeInt(NodeCommandTask.MAX_ARGUMENTS + 1);
        });
        final ObjectInput negative = input(out -> {
            out.writeUTF("boshcertauth.end-session");
            out.writeInt(-1);
        });
        final ObjectInput longValue = input(out -> {
            out.writeUTF("boshcertauth.end-session");
            out.writeInt(1);
            out.writeUTF("session");
            out.writeUTF("x".repeat(NodeCommandTask.MAX_VALUE_LENGTH + 1));
        });
        final ObjectInput longCommand = input(out -> out.writeUTF("c".repeat(NodeCommandTask.MAX_COMMAND_LENGTH + 1)));

        // Execute / Verify
        for (ObjectInput hostile : new ObjectInput[] {tooMany, negative, longValue, longCommand}) {
            assertThrows(IOException.class, () -> new NodeCommandTask().readExternal(hostile));
        }
        assertThrows(IllegalArgumentException.class, () -> new NodeCommandTask("c", Map.of("session", "x".repeat(NodeCommandTask.MAX_VALUE_LENGTH + 1))));
    }

    private interface Writer {
        void write(ObjectOutputStream out) throws IOException;
    }

    private static ObjectInput input(Writer writer) throws IOException {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            writer.write(out);
        }
        return new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()));
    }
}
