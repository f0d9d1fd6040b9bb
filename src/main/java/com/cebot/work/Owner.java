package com.cebot.work;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

/**
 * Who holds a claim on a row: one running process, named by its host, its pid and a random part
 * (pids are reused). Written into every lease it takes.
 */
public record Owner(String host, long pid, String id) {

    public static Owner ofThisProcess() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        long pid = ProcessHandle.current().pid();
        return new Owner(
                host, pid, host + "/" + pid + "/" + UUID.randomUUID().toString().substring(0, 8));
    }

    @Override
    public String toString() {
        return id;
    }
}
