package io.reviewstream.flowservice.console.domain;

import io.reviewstream.schemas.avro.Envelope;
import io.reviewstream.schemas.avro.HumanLoopStatus;
import io.reviewstream.schemas.avro.LoopStatusEvent;
import io.reviewstream.schemas.status.LoopStatusStore;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The search's filtering and paging over pages of a flow's index, read from a list in index order. */
class LoopSearchTest {

    private static final String FLOW = "arn:flow";

    /** Loop i is created at second i; every tenth is InProgress, the others Completed. */
    private final List<LoopStatusEvent> index = IntStream.range(0, 12_000).mapToObj(i -> loop(
            (i % 10 == 0 ? "open-" : "done-") + i, i * 1000L,
            i % 10 == 0 ? HumanLoopStatus.IN_PROGRESS : HumanLoopStatus.COMPLETED)).toList();
    private final List<Integer> reads = new ArrayList<>();
    private final LoopSearch search = new LoopSearch((flow, from, to, after, descending, limit) -> {
        Comparator<LoopStatusEvent> order = Comparator.comparing((LoopStatusEvent l) -> l.getCreationTime())
                .thenComparing(LoopStatusEvent::getHumanLoopName);
        List<LoopStatusEvent> page = index.stream()
                .filter(l -> l.getCreationTime().toEpochMilli() >= from && l.getCreationTime().toEpochMilli() <= to)
                .sorted(descending ? order.reversed() : order)
                .filter(l -> after == null || (descending ? order.reversed() : order).compare(l, loop(after)) > 0)
                .limit(limit).toList();
        reads.add(page.size());
        return page;
    });

    @Test
    void pagesThroughTheMatchesInOrderAndEndsWithoutANextPage() {
        LoopSearch.Page first = search.search(query(HumanLoopStatus.IN_PROGRESS, null, 0, 60_000, false, 4, null));
        assertThat(first.loops()).extracting(LoopStatusEvent::getHumanLoopName)
                .containsExactly("open-0", "open-10", "open-20", "open-30");
        LoopSearch.Page second = search.search(query(HumanLoopStatus.IN_PROGRESS, null, 0, 60_000, false, 4,
                first.next()));
        assertThat(second.loops()).extracting(LoopStatusEvent::getHumanLoopName)
                .containsExactly("open-40", "open-50", "open-60");
        assertThat(second.next()).isNull();
    }

    @Test
    void newestFirstWithANamePrefix() {
        LoopSearch.Page page = search.search(query(null, "done-1199", 0, Long.MAX_VALUE, true, 3, null));
        assertThat(page.loops()).extracting(LoopStatusEvent::getHumanLoopName)
                .containsExactly("done-11999", "done-11998", "done-11997");
    }

    /** Few matches among many loops: one request reads a bounded number and says where to go on. */
    @Test
    void aSparseSearchReadsABoundedNumberOfLoopsPerPage() {
        LoopSearch.Page page = search.search(query(null, "open-11990", 0, Long.MAX_VALUE, false, 10, null));
        assertThat(page.loops()).isEmpty();
        assertThat(page.scanned()).isEqualTo(LoopSearch.MAX_SCANNED);
        assertThat(page.next()).isEqualTo(new LoopStatusStore.Position(4_999_000L, "done-4999"));
        LoopSearch.Page last = search.search(query(null, "open-11990", 0, Long.MAX_VALUE, false, 10, page.next()));
        last = last.next() == null ? last
                : search.search(query(null, "open-11990", 0, Long.MAX_VALUE, false, 10, last.next()));
        assertThat(last.loops()).extracting(LoopStatusEvent::getHumanLoopName).containsExactly("open-11990");
        assertThat(last.next()).isNull();
    }

    private static LoopSearch.Query query(HumanLoopStatus status, String prefix, long from, long to,
                                          boolean descending, int limit, LoopStatusStore.Position after) {
        return new LoopSearch.Query(FLOW, status, prefix, from, to, descending, limit, after);
    }

    private static LoopStatusEvent loop(LoopStatusStore.Position position) {
        return loop(position.name(), position.creationMillis(), HumanLoopStatus.COMPLETED);
    }

    private static LoopStatusEvent loop(String name, long created, HumanLoopStatus status) {
        return LoopStatusEvent.newBuilder()
                .setEnvelope(new Envelope("e", Instant.EPOCH, "", 1))
                .setHumanLoopName(name).setHumanLoopArn("arn:loop/" + name)
                .setFlowDefinitionName("flow").setFlowDefinitionArn(FLOW)
                .setStatus(status).setCreationTime(Instant.ofEpochMilli(created)).setUpdatedAt(Instant.EPOCH)
                .build();
    }
}
