package io.jesync.cluster;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The H2 store holds customers' names, addresses and orders, so its files are made readable and writable by the
 * runtime's user only ({@code rw-------}), and their folder ({@code rwx------}) when it holds nothing but the store's
 * files (a folder shared with other things is left as the operator set it). Done at every start, after the store
 * opened and so created its files. On file systems without POSIX permissions nothing is changed.
 */
public final class StoreFiles {
    static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");

    private StoreFiles() {
    }

    /** @return the paths whose permissions were set */
    public static List<Path> restrict(String jdbcUrl) throws IOException {
        List<Path> changed = new ArrayList<>();
        Optional<Path> base = h2Base(jdbcUrl);
        if (base.isEmpty() || !FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return changed;
        }
        Path folder = base.get().toAbsolutePath().getParent();
        String name = base.get().getFileName().toString();
        if (folder == null || !Files.isDirectory(folder)) {
            return changed;
        }
        boolean onlyStore = true;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                if (entry.getFileName().toString().startsWith(name + ".") && Files.isRegularFile(entry)) {
                    Files.setPosixFilePermissions(entry, OWNER_FILE);
                    changed.add(entry);
                } else {
                    onlyStore = false;
                }
            }
        }
        if (onlyStore) {
            Files.setPosixFilePermissions(folder, OWNER_DIR);
            changed.add(folder);
        }
        return changed;
    }

    /** The file path an H2 file URL names ({@code jdbc:h2:file:./data/jesync;...} or {@code jdbc:h2:./data/x}). */
    static Optional<Path> h2Base(String jdbcUrl) {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:h2:")) {
            return Optional.empty();
        }
        String rest = jdbcUrl.substring("jdbc:h2:".length()).split(";", 2)[0];
        if (rest.startsWith("mem:") || rest.startsWith("tcp:") || rest.startsWith("ssl:") || rest.startsWith("zip:")) {
            return Optional.empty();
        }
        if (rest.startsWith("file:")) {
            rest = rest.substring("file:".length());
        }
        if (rest.startsWith("~")) {
            rest = System.getProperty("user.home") + rest.substring(1);
        }
        return rest.isBlank() ? Optional.empty() : Optional.of(Path.of(rest));
    }
}
