package org.igniterealtime.openfire.plugin.boshcertauth.tools;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes files that hold secrets (a CA key, its password) so that only the owner can read them: created with mode 0600
 * where the file system is POSIX (never readable by others, not even briefly), then moved into place atomically so a
 * reader never sees half a file.
 */
final class OwnerOnlyFiles {

    static final Set<PosixFilePermission> OWNER_READ_WRITE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnlyFiles() {}

    static void write(Path target, byte[] content) throws IOException {
        final Path absolute = target.toAbsolutePath();
        final Path directory = absolute.getParent();
        Files.createDirectories(directory);
        final Path temporary = isPosix(directory)
            ? Files.createTempFile(directory, ".tmp-", ".part", ownerOnly())
            : Files.createTempFile(directory, ".tmp-", ".part");
        try {
            Files.write(temporary, content);
            try {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    static boolean isPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static FileAttribute<Set<PosixFilePermission>> ownerOnly() {
        return PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE);
    }
}
