package io.reviewstream.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Picks a free loopback port, for servers that must be told their port before they bind it.
 *
 * <p>The port comes from below the range the system hands out to outgoing connections: a port the system picked
 * (port 0) is one of those, and between the pick and the server's bind, the broker's and clients' own
 * connections took it often enough to fail a start now and then. Ports are handed out in turn from a random
 * start, so that two servers told their ports one after the other (a broker's two listeners) never get the same
 * one: a port picked and released is free again until its server binds it.
 */
public final class FreePorts {

    private static final int LOWEST = 10_000;
    /** Linux's default start of ip_local_port_range, used where the system does not say. */
    private static final int DEFAULT_EPHEMERAL_START = 32_768;
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    static final int BELOW = ephemeralStart();
    /** Ports are a resource of the whole process, so the turn is too. */
    private static final AtomicInteger TURN = new AtomicInteger(ThreadLocalRandom.current().nextInt(BELOW - LOWEST));

    private FreePorts() {
    }

    public static int next() {
        for (int attempt = 0; attempt < BELOW - LOWEST; attempt++) {
            int port = LOWEST + Math.floorMod(TURN.getAndIncrement(), BELOW - LOWEST);
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // another listener has it: try the next one
            }
        }
        throw new IllegalStateException("No free loopback port between " + LOWEST + " and " + BELOW);
    }

    private static int ephemeralStart() {
        try {
            int start = Integer.parseInt(Files.readString(EPHEMERAL_RANGE).trim().split("\\s+")[0]);
            return start > LOWEST + 1_000 ? start : DEFAULT_EPHEMERAL_START;
        } catch (IOException | RuntimeException unknown) {
            return DEFAULT_EPHEMERAL_START;
        }
    }
}
