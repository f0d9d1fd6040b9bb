package com.cebot.supportticket.request;

import java.util.Set;

/**
 * What the head of support (or a delegate) can do to a request, and from where: Open → Acknowledged
 * → Approved / Declined, Approved → Done. No move goes back, so each status is reached at most once.
 */
enum Move {
    ACKNOWLEDGE("request_acknowledge", "Acknowledge", RequestStatus.ACKNOWLEDGED,
            Set.of(RequestStatus.OPEN)),
    APPROVE("request_approve", "Approve", RequestStatus.APPROVED,
            Set.of(RequestStatus.OPEN, RequestStatus.ACKNOWLEDGED)),
    DECLINE("request_decline", "Decline", RequestStatus.DECLINED,
            Set.of(RequestStatus.OPEN, RequestStatus.ACKNOWLEDGED)),
    DONE("request_done", "Mark done", RequestStatus.DONE, Set.of(RequestStatus.APPROVED));

    private final String actionId;
    private final String button;
    private final RequestStatus target;
    private final Set<RequestStatus> from;

    Move(String actionId, String button, RequestStatus target, Set<RequestStatus> from) {
        this.actionId = actionId;
        this.button = button;
        this.target = target;
        this.from = from;
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
