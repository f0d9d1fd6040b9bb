package com.cebot.work;

/**
 * What work nobody is waiting on at this instant (a queue's pass, a modal to open after its ack)
 * calls before it starts, to let Slack's envelopes in hand be acked first. On 2 cores a burst's
 * acks otherwise share the CPU with the work the burst itself caused, while Slack's 3 s run for
 * every envelope. It returns after a moment at most.
 */
@FunctionalInterface
public interface GiveWay {

    void giveWay();
}
