package com.cebot.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;

/** The ops listener as a probe or Prometheus sees it: plain HTTP GETs, and the metrics read by name and labels. */
final class OpsClient {

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final int port;

    OpsClient(int port) {
        this.port = port;
    }

    /** A port nothing listens on at this moment, for a bot to be told to listen on. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The settings that turn the listener on at {@code port}, to append to a bot's settings. */
    static String settings(int port) {
        return "ops:\n  port: " + port + "\n";
    }

    HttpResponse<String> get(String path) {
        try {
            return http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One scrape of /metrics. */
    Scrape scrape() {
        return new Scrape(get("/metrics").body());
    }

    /** The samples of one scrape in Prometheus' text format. */
    static final class Scrape {
        final String text;

        Scrape(String text) {
            this.text = text;
        }

        /**
         * The sample with exactly these labels, given as name-value pairs; empty when there is none.
         * Only the labels given are compared: {@code value("x", "queue", "outbox")} matches
         * {@code x{queue="outbox"}}.
         */
        OptionalDouble value(String name, String... labels) {
            Map<String, String> wanted = new HashMap<>();
            for (int i = 0; i < labels.length; i += 2) {
                wanted.put(labels[i], labels[i + 1]);
            }
            return text.lines()
                    .filter(line -> !line.startsWith("#") && !line.isBlank())
                    .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                    .filter(line -> labels(line).equals(wanted))
                    .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                    .findFirst();
        }

        /** 0 for a sample that is not there yet (a counter nothing has counted). */
        double count(String name, String... labels) {
            return value(name, labels).orElse(0);
        }

        private static Map<String, String> labels(String line) {
            Map<String, String> labels = new HashMap<>();
            int open = line.indexOf('{');
            if (open < 0 || open > line.indexOf(' ')) {
                return labels;
            }
            String inside = line.substring(open + 1, line.lastIndexOf('}'));
            for (String pair : inside.split("\",")) {
                if (pair.isBlank()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                labels.put(pair.substring(0, eq), pair.substring(eq + 2).replaceAll("\"$", ""));
            }
            return labels;
        }
    }
}
