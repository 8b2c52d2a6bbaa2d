package dev.neurona.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Writes a file so that readers see either the old content or the complete new one, never a
 * part: the content goes to a temporary file in the same directory, is forced to the device
 * ({@link FileChannel#force}), and is then renamed over the target with
 * {@link StandardCopyOption#ATOMIC_MOVE}. If anything fails, the temporary file is removed and
 * the target is untouched.
 *
 * <p>The temporary file has a short name of its own ({@code .neurona-<16 hex>.tmp}), so that any
 * legal target name can be written, and it is locked while it is written. A save killed half-way
 * (power loss, {@code kill -9}) can leave one behind; the next write into the same folder removes
 * those that nobody holds locked and that have not changed for a minute. Missing parent folders
 * are created. Errors name the target, never the temporary file.
 */
public final class AtomicFiles {

    /** The names of the library's temporary files; nothing else is ever removed. */
    static final Pattern TEMPORARY = Pattern.compile("\\.neurona-[0-9a-f]{16}\\.tmp");

    /** How long a temporary file must have been left unchanged before it counts as abandoned. */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(1);

    /** Writes the content of a file to a stream (which it must not close). */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    /**
     * Replaces {@code target} with what {@code content} writes, creating missing parent folders.
     *
     * @throws IOException when a folder cannot be created, or writing or renaming fails (the target
     *         is then unchanged), or when {@code target} is a directory; the message names
     *         {@code target} and what failed
     */
    public static void write(Path target, Content content) throws IOException {
        Path absolute = target.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            throw new IOException("cannot write " + target + ": it is a directory, not a file");
        }
        Path dir = absolute.getParent();
        createFolders(target, dir);
        removeAbandoned(dir);
        Path temp = dir.resolve(String.format(".neurona-%016x.tmp", ThreadLocalRandom.current().nextLong()));
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                 FileLock lock = channel.lock()) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (Throwable failure) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException cleanup) {
                failure.addSuppressed(cleanup);
            }
            if (failure instanceof FileSystemException fs) {
                throw new IOException("cannot write " + target + ": " + reason(fs), fs);
            }
            throw failure;
        }
        forceDirectory(dir);
    }

    private static void createFolders(Path target, Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        try {
            Files.createDirectories(dir);
        } catch (FileSystemException e) {
            throw new IOException("cannot write " + target + ": cannot create the folder " + dir + " ("
                    + (e.getFile() != null && !e.getFile().equals(dir.toString()) ? e.getFile() + ": " : "")
                    + reason(e) + ")", e);
        }
    }

    /**
     * What went wrong with a file, in words ("no such file or directory", "permission denied"),
     * without the file name Java puts in the message (for callers that name the file themselves).
     */
    public static String reason(FileSystemException e) {
        if (e.getReason() != null) {
            return e.getReason().toLowerCase(java.util.Locale.ROOT);
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof NotDirectoryException) {
            return "not a folder";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "a file of that name is in the way";
        }
        return e.getClass().getSimpleName();
    }

    /**
     * Removes temporary files of this class's own pattern that no writer holds: a write in progress
     * keeps its file locked (in this process or another), and a lock dies with its process.
     */
    static void removeAbandoned(Path dir) {
        Instant before = Instant.now().minus(ABANDONED_AFTER);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, ".neurona-*.tmp")) {
            for (Path file : files) {
                if (TEMPORARY.matcher(file.getFileName().toString()).matches() && Files.isRegularFile(file)
                        && Files.getLastModifiedTime(file).compareTo(FileTime.from(before)) < 0) {
                    removeIfUnlocked(file);
                }
            }
        } catch (IOException e) {
            // an unreadable folder shows up as the write's own error, with the target's name
        }
    }

    private static void removeIfUnlocked(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                Files.delete(file);
                lock.release();
            }
        } catch (OverlappingFileLockException | IOException e) {
            // being written by this process, or gone already, or not ours to remove: leave it
        }
    }

    /** Makes the rename durable where the platform allows it (Linux does; Windows cannot open a directory). */
    private static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // the file itself is complete and in place; only the rename's durability is platform-dependent
        }
    }
}
