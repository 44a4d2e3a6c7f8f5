package io.reviewstream.flowservice.domain;

/**
 * Why the domain refuses a call. The API layer answers each with its protocol's error; the domain knows nothing of
 * HTTP statuses or AWS error codes.
 */
public enum Rejection {

    /** The request breaks a rule of the resource it names (a missing reference, a state that forbids it). */
    INVALID,
    NOT_FOUND,
    /** The resource exists, or is still used by another. */
    IN_USE,
    /** As many resources of the kind exist as are allowed. */
    LIMIT_EXCEEDED,
    /** A loop of the same name is running with other input. */
    CONFLICT,
    /** As many loops of the flow are in progress as are allowed. */
    QUOTA_EXCEEDED,
    /** The call was handed on and no answer came in time; the same call may be repeated safely. */
    UNDECIDED
}
