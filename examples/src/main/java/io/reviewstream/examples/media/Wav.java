package io.reviewstream.examples.media;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** 16-bit mono PCM samples written as a WAV file, which every browser plays. */
public final class Wav {

    public static final int SAMPLE_RATE = 16_000;

    private Wav() {
    }

    /** @param samples in [-1, 1] */
    public static byte[] encode(double[] samples) {
        int dataBytes = samples.length * 2;
        ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes()).putInt(36 + dataBytes).put("WAVE".getBytes());
        header.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(SAMPLE_RATE).putInt(SAMPLE_RATE * 2).putShort((short) 2).putShort((short) 16);
        header.put("data".getBytes()).putInt(dataBytes);
        ByteBuffer data = ByteBuffer.allocate(dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        for (double sample : samples) {
            data.putShort((short) Math.round(Math.max(-1, Math.min(1, sample)) * Short.MAX_VALUE));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(44 + dataBytes);
        out.writeBytes(header.array());
        out.writeBytes(data.array());
        return out.toByteArray();
    }
}
