package com.cebot.slackfake;

import com.cebot.testing.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Every request the fake answered, in arrival order of completion. */
final class CallLog {

    private final List<RecordedCall> calls = new ArrayList<>();
    private final Await.Signal changed = new Await.Signal();

    void add(RecordedCall call) {
        synchronized (calls) {
            calls.add(call);
        }
        changed.signal();
    }

    List<RecordedCall> all() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    List<RecordedCall> of(String method) {
        return all().stream().filter(c -> c.method().equals(method)).toList();
    }

    List<RecordedCall> await(String method, int count, Duration timeout) {
        changed.until(
                timeout,
                () -> "expected " + count + " call(s) of " + method + " but got "
                        + of(method).size() + "; recorded: " + summary(),
                () -> of(method).size() >= count);
        return of(method);
    }

    void clear() {
        synchronized (calls) {
            calls.clear();
        }
    }

    /** Methods with their HTTP status, for failure messages. */
    String summary() {
        return all().stream().map(c -> c.method() + "(" + c.status() + ")").collect(Collectors.joining(", ", "[", "]"));
    }
}
