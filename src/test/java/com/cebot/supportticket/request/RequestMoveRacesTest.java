package com.cebot.supportticket.request;

import static com.cebot.supportticket.request.RequestStore.DELEGATE;
import static com.cebot.supportticket.request.RequestStore.HEAD;
import static org.assertj.core.api.Assertions.assertThat;

import com.cebot.supportticket.request.RequestService.MoveResult;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Slack delivers at least once and people click at the same time: a move still happens once. */
final class RequestMoveRacesTest {

    @TempDir
    Path dir;

    private RequestStore store;

    @BeforeEach
    void openStore() {
        store = new RequestStore(dir);
    }

    @Test
    void move_sameClickDeliveredTwice_isHandledOnce() {
        long id = store.submit("V1");
        store.service.move(id, Move.ACKNOWLEDGE, HEAD, null, "action:1700000000.5:UHEAD");
        int rows = store.outboxCount();

        MoveResult again = store.service.move(id, Move.ACKNOWLEDGE, HEAD, null, "action:1700000000.5:UHEAD");

        assertThat(again).isInstanceOf(MoveResult.Repeat.class);
        assertThat(store.outboxCount()).isEqualTo(rows);
        assertThat(store.count("request_event")).isEqualTo(2);
    }

    @Test
    void decline_sameModalSubmittedTwice_isHandledOnce() {
        long id = store.submit("V1");
        store.service.move(id, Move.DECLINE, HEAD, "Out of scope", "view:V2");
        int rows = store.outboxCount();

        MoveResult again = store.service.move(id, Move.DECLINE, HEAD, "Out of scope", "view:V2");

        assertThat(again).isInstanceOf(MoveResult.Repeat.class);
        assertThat(store.outboxCount()).isEqualTo(rows);
    }

    @Test
    void move_twoAtOnce_onlyOneWins() throws Exception {
        long id = store.submit("V1");
        CountDownLatch start = new CountDownLatch(1);
        CompletableFuture<MoveResult> approve =
                CompletableFuture.supplyAsync(() -> await(start, () -> store.click(id, Move.APPROVE, HEAD)));
        CompletableFuture<MoveResult> decline =
                CompletableFuture.supplyAsync(() -> await(start, () -> store.click(id, Move.DECLINE, DELEGATE)));

        start.countDown();
        List<MoveResult> results = List.of(approve.get(), decline.get());

        assertThat(results).filteredOn(MoveResult.Moved.class::isInstance).hasSize(1);
        assertThat(results)
                .filteredOn(MoveResult.AlreadyMoved.class::isInstance)
                .hasSize(1);
        assertThat(store.count("request_event")).isEqualTo(2);
        assertThat(store.outboxRows())
                .filteredOn(r -> r.kind().equals("update"))
                .hasSize(1);
    }

    @Test
    void move_fromAStatusAlreadyLeft_theGuardMatchesNothing() {
        long id = store.submit("V1");
        store.click(id, Move.APPROVE, HEAD);

        int changed = store.jdbi.withExtension(RequestRepository.class, r -> r.move(id, "open", "declined"));

        assertThat(changed).isZero();
        assertThat(store.request(id).status()).isEqualTo(RequestStatus.APPROVED);
    }

    private static MoveResult await(CountDownLatch start, Supplier<MoveResult> move) {
        try {
            start.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return move.get();
    }
}
