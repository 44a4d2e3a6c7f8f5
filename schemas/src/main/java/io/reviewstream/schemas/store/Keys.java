package io.reviewstream.schemas.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Building RocksDB keys whose byte order is the order the stores scan them in. */
public final class Keys {

    private Keys() {
    }

    /** Big-endian with the sign flipped: byte order is then numeric order, before 1970 too. */
    public static byte[] time(long millis) {
        return ByteBuffer.allocate(Long.BYTES).putLong(millis ^ Long.MIN_VALUE).array();
    }

    /** The inverse of {@link #time(long)}. */
    public static long time(byte[] key, int offset) {
        return ByteBuffer.wrap(key, offset, Long.BYTES).getLong() ^ Long.MIN_VALUE;
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A name with its length first, so that no name's keys run into those of another name it begins. */
    public static byte[] sized(byte tag, String name) {
        byte[] bytes = utf8(name);
        return ByteBuffer.allocate(1 + Short.BYTES + bytes.length).put(tag).putShort((short) bytes.length).put(bytes)
                .array();
    }

    public static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        ByteBuffer out = ByteBuffer.allocate(length);
        for (byte[] part : parts) {
            out.put(part);
        }
        return out.array();
    }

    public static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }
}
