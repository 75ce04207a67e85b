package dev.mp4j.core.net;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;

/** A parsed {@code tcp://HOST:PORT} or {@code unix:/path} address. */
public final class Address {
    private final String text;
    private final SocketAddress socket;

    private Address(String text, SocketAddress socket) {
        this.text = text;
        this.socket = socket;
    }

    /** @throws IllegalArgumentException if the address is neither form, naming the forms */
    public static Address parse(String address) {
        if (address.startsWith("unix:")) {
            String path = address.substring("unix:".length());
            if (path.isEmpty() || path.indexOf('\0') >= 0) {
                throw bad(address, "a unix: address needs a path");
            }
            return new Address(address, UnixDomainSocketAddress.of(Path.of(path)));
        }
        if (address.startsWith("tcp://")) {
            String hostPort = address.substring("tcp://".length());
            int colon = hostPort.lastIndexOf(':');
            if (colon <= 0) {
                throw bad(address, "a tcp:// address needs a host and a port");
            }
            String host = hostPort.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            int port;
            try {
                port = Integer.parseInt(hostPort.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw bad(address, "the port is not a number");
            }
            if (port < 0 || port > 65535) {
                throw bad(address, "the port must be 0 to 65535");
            }
            return new Address(address, new InetSocketAddress(host, port));
        }
        throw bad(address, "unknown scheme");
    }

    private static IllegalArgumentException bad(String address, String why) {
        return new IllegalArgumentException("malformed address " + address + " (" + why
                + "): use tcp://HOST:PORT, such as tcp://127.0.0.1:0, or unix:/path/to/socket");
    }

    static Address of(SocketAddress bound) {
        if (bound instanceof UnixDomainSocketAddress u) {
            return new Address("unix:" + u.getPath(), u);
        }
        InetSocketAddress i = (InetSocketAddress) bound;
        String host = i.getAddress().getHostAddress();
        return new Address("tcp://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + i.getPort(), i);
    }

    SocketAddress socket() {
        return socket;
    }

    boolean isUnix() {
        return socket instanceof UnixDomainSocketAddress;
    }

    StandardProtocolFamily family() {
        return isUnix() ? StandardProtocolFamily.UNIX
                : ((InetSocketAddress) socket).getAddress() instanceof java.net.Inet6Address
                        ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
    }

    Path path() {
        return ((UnixDomainSocketAddress) socket).getPath();
    }

    @Override
    public String toString() {
        return text;
    }
}
