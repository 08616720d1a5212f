package dev.ridgeline.platform.web;

import java.net.InetAddress;
import java.net.UnknownHostException;

import jakarta.servlet.http.HttpServletRequest;

/** Small facts about the current request. */
public final class Requests {

    private Requests() {
    }

    /** True when the request came from this machine (after forwarded headers were applied). */
    public static boolean fromLoopback(HttpServletRequest request) {
        return isLoopback(request.getRemoteAddr());
    }

    public static boolean isLoopback(String address) {
        try {
            return address != null && InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    public static boolean htmx(HttpServletRequest request) {
        return "true".equals(request.getHeader("HX-Request"));
    }
}
