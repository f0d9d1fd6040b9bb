package com.cebot.slackfake;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The Web API's TCP connections as the client holds them. The JDK's HTTP server keeps its sockets
 * to itself, so it listens behind this relay, which copies bytes both ways and lets the fake do to
 * a client's connection what a network or Slack's edge does: reset it (TCP RST, no answer) once the
 * call was carried out, or close it while it waits in the client's pool for its next call.
 */
final class ConnectionRelay implements AutoCloseable {

    private final ServerSocket listener;
    private final InetSocketAddress server;
    /** Each client connection by the local port of its link to the server, which the server sees as the caller's. */
    private final Map<Integer, Link> links = new ConcurrentHashMap<>();

    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "slackfake-relay");
        thread.setDaemon(true);
        return thread;
    });

    ConnectionRelay(InetSocketAddress server) {
        this.server = server;
        try {
            listener = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the fake Web API's relay to loopback", e);
        }
        threads.execute(this::accept);
    }

    int port() {
        return listener.getLocalPort();
    }

    /**
     * Cuts the client's connection that the call from {@code serverSidePort} came on with a TCP
     * reset, so the client reads no answer: what it sent was received and acted on.
     */
    void reset(int serverSidePort) {
        Link link = links.get(serverSidePort);
        if (link == null) {
            throw new IllegalStateException("no client connection behind port " + serverSidePort);
        }
        link.close(true);
    }

    /**
     * Closes (FIN) every client connection not carrying a call now, as a server's idle timeout
     * does; a client that sends its next request on one is sending it to a closed socket.
     *
     * @return how many it closed
     */
    int closeIdle() {
        List<Link> idle = links.values().stream().filter(l -> !l.busy).toList();
        idle.forEach(l -> l.close(false));
        return idle.size();
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            // closing anyway
        }
        links.values().forEach(l -> l.close(false));
        threads.shutdownNow();
    }

    private void accept() {
        while (!listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return;
            }
            try {
                Socket upstream = new Socket();
                upstream.setTcpNoDelay(true);
                upstream.connect(server);
                client.setTcpNoDelay(true);
                Link link = new Link(client, upstream);
                links.put(link.serverSidePort, link);
                threads.execute(() -> link.copy(client, upstream, true));
                threads.execute(() -> link.copy(upstream, client, false));
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    /** One client connection and its link to the server. */
    private final class Link {
        private final Socket client;
        private final Socket upstream;
        private final int serverSidePort;
        /** A request is on its way or being answered: the last bytes came from the client. */
        private volatile boolean busy;

        Link(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
            this.serverSidePort = upstream.getLocalPort();
        }

        void copy(Socket from, Socket to, boolean request) {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream()) {
                OutputStream out = to.getOutputStream();
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    busy = request;
                    out.write(buffer, 0, n);
                }
            } catch (IOException e) {
                // one side went away; the link goes with it
            }
            close(false);
        }

        void close(boolean reset) {
            links.remove(serverSidePort, this);
            if (reset) {
                try {
                    client.setSoLinger(true, 0);
                } catch (IOException e) {
                    // already closed: nothing to reset
                }
            }
            closeQuietly(client);
            closeQuietly(upstream);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing left to close
        }
    }
}
