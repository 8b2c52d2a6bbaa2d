#!/usr/bin/python3
"""Writes the tiny CIFAR-10 archives and tar files that Cifar10Test and TarReaderTest read.

Run from the repository root with the system Python (standard library only):

    /usr/bin/python3 neurona-core/src/test/python/cifar10_fixture.py

Into neurona-core/src/test/resources/dev/neurona/data/cifar10/:

- cifar-10-binary.tar.gz: the official archive's layout (GNU tar, gzip, the directory
  cifar-10-batches-bin/ with batches.meta.txt, readme.html, data_batch_1..5.bin, test_batch.bin)
  with 2, 3, 1, 2, 2 training records and 3 test records of the official format: one label byte,
  then the 32x32 red, green and blue planes. Record g (counted over the training batches, then
  again from 0 over the test batch) has label (3g + 1) % 10 in training and (7g + 9) % 10 in
  test, and pixel byte (g*37 + c*71 + y*13 + x*3 + (101 if test else 0)) % 256 for channel c,
  row y, column x. The Java test computes the same formula on its own.
- cifar-10-truncated-record.tar.gz: as above, but data_batch_3.bin is its record and 100 bytes more.
- cifar-10-bad-label.tar.gz: as above, but record 2 of test_batch.bin has label 12.
- names-{gnu,pax,ustar}.tar: one file a/.../long-name.txt with a 141-character path holding
  "long\n", then short.txt holding "short\n", in each tar format (GNU ././@LongLink, pax path
  record, ustar prefix field).

Timestamps are fixed (mtime 0), so a rerun writes the same bytes.
"""
import gzip
import io
import os
import tarfile

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "dev", "neurona", "data", "cifar10")
TRAIN_COUNTS = [2, 3, 1, 2, 2]
TEST_COUNT = 3


def record(g, test, label=None):
    if label is None:
        label = (7 * g + 9) % 10 if test else (3 * g + 1) % 10
    out = bytearray([label])
    for c in range(3):
        for y in range(32):
            for x in range(32):
                out.append((g * 37 + c * 71 + y * 13 + x * 3 + (101 if test else 0)) % 256)
    return bytes(out)


def batches(truncate_batch3=False, bad_test_label=False):
    files = {}
    g = 0
    for i, count in enumerate(TRAIN_COUNTS, start=1):
        data = b"".join(record(g + k, False) for k in range(count))
        g += count
        if truncate_batch3 and i == 3:
            data += record(99, False)[:100]
        files["data_batch_%d.bin" % i] = data
    files["test_batch.bin"] = b"".join(
        record(k, True, 12 if bad_test_label and k == 2 else None) for k in range(TEST_COUNT))
    return files


def add(tar, name, data):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = 0
    info.mode = 0o644
    tar.addfile(info, io.BytesIO(data))


def archive(path, files):
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.GNU_FORMAT) as tar:
        folder = tarfile.TarInfo("cifar-10-batches-bin")
        folder.type = tarfile.DIRTYPE
        folder.mode = 0o755
        folder.mtime = 0
        tar.addfile(folder)
        add(tar, "cifar-10-batches-bin/batches.meta.txt",
            b"airplane\nautomobile\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\ntruck\n\n")
        for name in ["data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin",
                     "data_batch_5.bin"]:
            add(tar, "cifar-10-batches-bin/" + name, files[name])
        add(tar, "cifar-10-batches-bin/readme.html", b"<meta HTTP-EQUIV=\"REFRESH\">\n")
        add(tar, "cifar-10-batches-bin/test_batch.bin", files["test_batch.bin"])
    with open(path, "wb") as f:
        with gzip.GzipFile(filename="", mode="wb", fileobj=f, mtime=0) as gz:
            gz.write(raw.getvalue())


def names(path, fmt):
    long_name = "a/" + "/".join(["d" * 20] * 6) + "/long-name.txt"
    assert len(long_name) > 100
    with tarfile.open(path, mode="w", format=fmt) as tar:
        add(tar, long_name, b"long\n")
        add(tar, "short.txt", b"short\n")


def main():
    os.makedirs(OUT, exist_ok=True)
    archive(os.path.join(OUT, "cifar-10-binary.tar.gz"), batches())
    archive(os.path.join(OUT, "cifar-10-truncated-record.tar.gz"), batches(truncate_batch3=True))
    archive(os.path.join(OUT, "cifar-10-bad-label.tar.gz"), batches(bad_test_label=True))
    names(os.path.join(OUT, "names-gnu.tar"), tarfile.GNU_FORMAT)
    names(os.path.join(OUT, "names-pax.tar"), tarfile.PAX_FORMAT)
    names(os.path.join(OUT, "names-ustar.tar"), tarfile.USTAR_FORMAT)


if __name__ == "__main__":
    main()
