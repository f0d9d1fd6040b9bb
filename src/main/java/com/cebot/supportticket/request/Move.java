package com.cebot.supportticket.request;

import java.util.Set;

/**
 * What the head of support (or a delegate) can do to a request, and from where: Open → Acknowledged
 * → Approved / Declined, Approved → Done. No move goes back, so each status is reached at most once.
 */
enum Move {
    ACKNOWLEDGE(
            "request_acknowledge",
            "Acknowledge",
            "Acknowledge the request for %s",
            RequestStatus.ACKNOWLEDGED,
            Set.of(RequestStatus.OPEN)),
    APPROVE(
            "request_approve",
            "Approve",
            "Approve the request for %s",
            RequestStatus.APPROVED,
            Set.of(RequestStatus.OPEN, RequestStatus.ACKNOWLEDGED)),
    DECLINE(
            "request_decline",
            "Decline",
            "Decline the request for %s",
            RequestStatus.DECLINED,
            Set.of(RequestStatus.OPEN, RequestStatus.ACKNOWLEDGED)),
    DONE(
            "request_done",
            "Mark done",
            "Mark the request for %s done",
            RequestStatus.DONE,
            Set.of(RequestStatus.APPROVED));

    private final String actionId;
    private final String button;
    private final String spoken;
    private final RequestStatus target;
    private final Set<RequestStatus> from;

    Move(String actionId, String button, String spoken, RequestStatus target, Set<RequestStatus> from) {
        this.actionId = actionId;
        this.button = button;
        this.spoken = spoken;
        this.target = target;
        this.from = from;
    }

    /**
     * What a screen reader says for the button, naming the customer: on Home the same buttons
     * repeat for every request waiting, and "Approve" alone would not say which.
     */
    String spoken(String customer) {
        return spoken.formatted(customer);
    }

    /** The card button's action id. */
    public String actionId() {
        return actionId;
    }

    String button() {
        return button;
    }

    public RequestStatus target() {
        return target;
    }

    public boolean allowedFrom(RequestStatus status) {
        return from.contains(status);
    }
}
