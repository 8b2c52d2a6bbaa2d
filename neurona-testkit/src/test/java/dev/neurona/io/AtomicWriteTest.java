package dev.neurona.io;

import static dev.neurona.nn.Layers.dense;
import static dev.neurona.nn.Layers.input;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neurona.models.Sequential;
import dev.neurona.nn.Layer;
import dev.neurona.nn.Mode;
import dev.neurona.tensor.Tensor;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failed write leaves the previous file as it was and no temporary file behind. */
class AtomicWriteTest {

    @TempDir
    Path dir;

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void aFailureMidWriteKeepsTheOldFileAndRemovesTheTemporary() throws IOException {
        Path target = dir.resolve("data.bin");
        Files.writeString(target, "old content");
        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
            out.write("new content, half of it".getBytes(StandardCharsets.UTF_8));
            out.flush();
            throw new IOException("disk full (simulated)");
        })).isInstanceOf(IOException.class).hasMessageContaining("simulated");
        assertThat(Files.readString(target)).isEqualTo("old content");
        assertThat(files()).containsExactly(target);

        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
            out.write(new byte[100_000]);
            throw new IllegalStateException("a bug in the writer (simulated)");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(Files.readString(target)).isEqualTo("old content");
        assertThat(files()).containsExactly(target);

        AtomicFiles.write(target, out -> out.write("new".getBytes(StandardCharsets.UTF_8)));
        assertThat(Files.readString(target)).isEqualTo("new");
        assertThat(files()).containsExactly(target);
    }

    @Test
    void aModelThatCannotBeWrittenLeavesThePreviousModelIntact() throws IOException {
        Path file = dir.resolve("model.nrn");
        Sequential good = new Sequential(input(2), dense(3)).seed(1);
        good.save(file);
        byte[] before = Files.readAllBytes(file);

        // a layer whose config holds a value JSON cannot represent: the write fails inside the archive
        Sequential bad = new Sequential(input(2), dense(3), new Unwritable()).seed(2);
        assertThatThrownBy(() -> bad.save(file)).isInstanceOf(IOException.class);

        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(files()).containsExactly(file);
        Fixtures.assertSameModel(good, Sequential.load(file));
    }

    @Test
    void aDirectoryIsNotOverwritten() throws IOException {
        Path target = Files.createDirectory(dir.resolve("model.nrn"));
        Sequential model = new Sequential(input(2), dense(3));
        assertThatThrownBy(() -> model.save(target)).isInstanceOf(IOException.class).hasMessageContaining("directory");
        assertThat(target).isDirectory();
    }

    @Test
    void anyLegalFileNameCanBeWrittenBecauseTheTemporaryNameIsShort() throws IOException {
        Path target = dir.resolve("m".repeat(236) + ".nrn");
        new Sequential(input(2), dense(3)).seed(1).save(target);
        assertThat(files()).containsExactly(target);
        assertThat(Sequential.load(target).layers()).hasSize(2);
    }

    @Test
    void missingParentFoldersAreCreated() throws IOException {
        Path target = dir.resolve("a/b/c/model.nrn");
        new Sequential(input(2), dense(3)).seed(1).save(target);
        assertThat(target).isRegularFile();
    }

    @Test
    void errorsNameTheUsersPathAndWhatFailedNeverTheTemporaryFile() throws IOException {
        Path blocker = Files.writeString(dir.resolve("plain-file"), "x");
        Path target = blocker.resolve("model.nrn");
        assertThatThrownBy(() -> new Sequential(input(2), dense(3)).save(target))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(target.toString())
                .hasMessageContaining("cannot create the folder")
                .hasMessageNotContaining(".tmp");

        Path tooLong = dir.resolve("m".repeat(300) + ".nrn");
        assertThatThrownBy(() -> AtomicFiles.write(tooLong, out -> out.write(1)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(tooLong.toString())
                .hasMessageContaining("name too long")
                .hasMessageNotContaining(".neurona-");
        assertThat(files()).containsExactly(blocker);
    }

    @Test
    void abandonedTemporaryFilesOfOurOwnPatternAreRemovedOnTheNextWrite() throws IOException {
        FileTime old = FileTime.from(Instant.now().minus(Duration.ofHours(2)));
        Path abandoned = Files.write(dir.resolve(".neurona-0123456789abcdef.tmp"), new byte[1000]);
        Files.setLastModifiedTime(abandoned, old);
        Path fresh = Files.write(dir.resolve(".neurona-fedcba9876543210.tmp"), new byte[10]);
        Path foreign = Files.write(dir.resolve(".model.nrn.0123456789abcdef.tmp"), new byte[10]);
        Files.setLastModifiedTime(foreign, old);
        Path held = Files.write(dir.resolve(".neurona-00000000000000aa.tmp"), new byte[10]);
        Files.setLastModifiedTime(held, old);
        Path target = dir.resolve("data.bin");
        try (FileChannel channel = FileChannel.open(held, StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
            AtomicFiles.write(target, out -> out.write(7));
        }
        assertThat(files()).containsExactlyInAnyOrder(target, fresh, foreign, held);
    }

    /** A layer with a setting that has no JSON form. */
    private static final class Unwritable extends Layer {
        @Override
        protected Tensor forward(Tensor x, Mode mode) {
            return x;
        }

        @Override
        protected Map<String, Object> settings() {
            return Map.of("callback", new Object());
        }

        @Override
        public long countParams(int[] inputShape) {
            return 0;
        }
    }
}
