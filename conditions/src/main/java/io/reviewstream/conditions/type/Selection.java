package io.reviewstream.conditions.type;

import java.util.BitSet;
import java.util.Objects;

/**
 * Which inferences of a built-in AI service response a true condition hands to reviewers: items of the
 * response's array ({@code blocks} for Textract, {@code moderationLabels} for Rekognition) by index, or all of them
 * (Sampling). The subject says what the selecting condition was about (a label name, a form key, {@code *}), so
 * that {@code And} can require conditions about the same subject to hold for the same inference. Immutable.
 */
public final class Selection {

    public static final Selection NONE = new Selection(false, new BitSet(), null);
    public static final Selection ALL = new Selection(true, new BitSet(), null);

    private final boolean all;
    private final BitSet items;
    private final String subject;

    private Selection(boolean all, BitSet items, String subject) {
        this.all = all;
        this.items = items;
        this.subject = subject;
    }

    public static Selection of(BitSet items, String subject) {
        return items.isEmpty() ? NONE : new Selection(false, (BitSet) items.clone(), subject);
    }

    public boolean all() {
        return all;
    }

    public boolean isEmpty() {
        return !all && items.isEmpty();
    }

    /** What the selecting condition was about; null when several conditions or none contributed. */
    public String subject() {
        return subject;
    }

    public boolean contains(int index) {
        return all || items.get(index);
    }

    public Selection union(Selection other) {
        if (all || other.isEmpty()) {
            return this;
        }
        if (other.all || isEmpty()) {
            return other;
        }
        BitSet union = (BitSet) items.clone();
        union.or(other.items);
        return new Selection(false, union, Objects.equals(subject, other.subject) ? subject : null);
    }

    public Selection intersection(Selection other) {
        if (all) {
            return other;
        }
        if (other.all) {
            return this;
        }
        BitSet intersection = (BitSet) items.clone();
        intersection.and(other.items);
        return of(intersection, subject);
    }
}
