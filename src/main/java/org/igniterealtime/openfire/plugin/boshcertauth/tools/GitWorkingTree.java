package org.igniterealtime.openfire.plugin.boshcertauth.tools;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a private key must not be written: inside a Git working tree, where one {@code git add .} commits it (issue
 * 15: the README's own commands, run from a clone, left the test CA's key in the clone). A working tree is a
 * directory holding {@code .git} (a directory, or a file for worktrees and submodules).
 */
final class GitWorkingTree {

    private GitWorkingTree() {}

    /** @return the root of the working tree the file would be written into, if any */
    static Optional<Path> containing(Path file) {
        Path dir = file.toAbsolutePath().normalize().getParent();
        while (dir != null) {
            if (Files.exists(dir.resolve(".git"))) {
                return Optional.of(dir);
            }
            dir = dir.getParent();
        }
        return Optional.empty();
    }
}
