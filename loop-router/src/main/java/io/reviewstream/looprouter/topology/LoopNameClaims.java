package io.reviewstream.looprouter.topology;

import io.reviewstream.schemas.digest.Sha256;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The loop names in use, each with a hash of the input its loop started with. Every path that starts a loop
 * (predictions, StartHumanLoop) and the one that frees a name (DeleteHumanLoop) goes through this store, on the
 * name's partition, so one name is decided in one place.
 */
final class LoopNameClaims {

    enum Claim { NEW, SAME_INPUT, OTHER_INPUT }

    private final KeyValueStore<String, String> store;

    LoopNameClaims(KeyValueStore<String, String> store) {
        this.store = store;
    }

    /** Whether {@code name} is free; when it is, it is claimed for {@code inputContent} on {@code flowName}. */
    Claim claim(String name, String flowName, String inputContent) {
        String inputHash = fingerprint(flowName, inputContent);
        String claimed = store.get(name);
        if (claimed == null) {
            store.put(name, inputHash);
            return Claim.NEW;
        }
        return claimed.equals(inputHash) ? Claim.SAME_INPUT : Claim.OTHER_INPUT;
    }

    /** Whether {@code name} is taken, without claiming it. */
    Claim check(String name, String flowName, String inputContent) {
        String claimed = store.get(name);
        if (claimed == null) {
            return Claim.NEW;
        }
        return claimed.equals(fingerprint(flowName, inputContent)) ? Claim.SAME_INPUT : Claim.OTHER_INPUT;
    }

    /** The same name and input on another flow definition is another loop, so the flow is part of a claim. */
    private static String fingerprint(String flowName, String inputContent) {
        return Sha256.hex(flowName + '\n' + inputContent);
    }

    void release(String name) {
        store.delete(name);
    }
}
