package com.cebot.slack.socket;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for the connection's wiring: keeps what each link reports, and passes each hello back
 * to its link as the dispatcher's control does, so that a link can come up.
 */
final class Recorder implements Link.Events {

    record Frame(Link link, FrameHeader header) {}

    final List<Frame> frames = new CopyOnWriteArrayList<>();
    final List<Integer> closeCodes = new CopyOnWriteArrayList<>();
    private final boolean passHelloBack;

    Recorder(boolean passHelloBack) {
        this.passHelloBack = passHelloBack;
    }

    @Override
    public void frame(Link link, String message) {
        FrameHeader header = FrameHeader.read(message);
        frames.add(new Frame(link, header));
        if (passHelloBack && "hello".equals(header.type())) {
            link.helloArrived();
        }
    }

    @Override
    public void socketClosed(Link link, Integer code) {
        closeCodes.add(code);
    }

    boolean received(String envelopeId) {
        return frames.stream().anyMatch(f -> envelopeId.equals(f.header().envelopeId()));
    }
}
