package io.reviewstream.taskservice.domain;

import io.reviewstream.schemas.avro.QueueRank;

import java.util.Comparator;

/** The order in which open tasks are claimed: the loop closest to its availability deadline first, then the oldest. */
public final class QueueRanks {

    public static final Comparator<QueueRank> ORDER = Comparator.comparing(QueueRank::getAvailableUntil)
            .thenComparing(QueueRank::getCreatedAt);

    private QueueRanks() {
    }
}
