package io.reviewstream.embedded;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class FreePortsTest {

    @Test
    void portsPickedOneAfterTheOtherDifferAndAreFreeBelowTheOutgoingRange() throws Exception {
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            ports.add(FreePorts.next());
        }
        // a broker is told its two listeners' ports one after the other, before it binds either
        assertThat(ports).hasSize(200).allSatisfy(port -> assertThat(port).isBetween(10_000, FreePorts.BELOW - 1));
        int port = FreePorts.next();
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(socket.getLocalPort()).isEqualTo(port);
        }
    }
}
