package io.reviewstream.embedded;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.GZIPInputStream;

/**
 * Unpacks a gzip-compressed tar archive (ustar with GNU long names, as Maven assemblies write
 * them). Only regular files and folders are extracted; nothing may land outside the target.
 */
final class TarGz {

    private static final int BLOCK = 512;

    private TarGz() {
    }

    static void unpack(Path archive, Path target) throws IOException {
        Path root = target.toAbsolutePath().normalize();
        try (InputStream in = new BufferedInputStream(new GZIPInputStream(Files.newInputStream(archive), 1 << 16))) {
            byte[] header = new byte[BLOCK];
            String longName = null;
            while (readFully(in, header) && header[0] != 0) {
                String name = longName != null ? longName : name(header);
                longName = null;
                String octalSize = field(header, 124, 12).trim();
                long size = octalSize.isEmpty() ? 0 : Long.parseLong(octalSize, 8);
                char type = (char) header[156];
                if (type == 'L') {
                    byte[] data = in.readNBytes((int) size);
                    skipPadding(in, size);
                    longName = new String(data, StandardCharsets.UTF_8).replace("\0", "");
                    continue;
                }
                Path path = root.resolve(name).normalize();
                if (!path.startsWith(root)) {
                    throw new IOException("archive entry outside the target folder: " + name);
                }
                if (type == '5') {
                    Files.createDirectories(path);
                } else if (type == '0' || type == 0) {
                    Files.createDirectories(path.getParent());
                    Files.copy(new BoundedStream(in, size), path, StandardCopyOption.REPLACE_EXISTING);
                    skipPadding(in, size);
                } else {
                    in.skipNBytes(size);
                    skipPadding(in, size);
                }
            }
        }
    }

    private static String name(byte[] header) {
        String name = field(header, 0, 100);
        // POSIX ustar ("ustar\0") keeps a path prefix at 345; old GNU ("ustar ") keeps times there
        boolean posix = "ustar".equals(field(header, 257, 6));
        String prefix = posix ? field(header, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static String field(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static boolean readFully(InputStream in, byte[] block) throws IOException {
        return in.readNBytes(block, 0, block.length) == block.length;
    }

    private static void skipPadding(InputStream in, long size) throws IOException {
        long remainder = size % BLOCK;
        if (remainder != 0) {
            in.skipNBytes(BLOCK - remainder);
        }
    }

    /** Lets {@link Files#copy} read exactly one entry without closing the archive. */
    private static final class BoundedStream extends InputStream {
        private final InputStream in;
        private long remaining;

        BoundedStream(InputStream in, long size) {
            this.in = in;
            this.remaining = size;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int read = in.read(buffer, offset, (int) Math.min(length, remaining));
            if (read > 0) {
                remaining -= read;
            }
            return read;
        }

        @Override
        public void close() {
            // the archive stream stays open for the next entry
        }
    }
}
