/**
 * mp4j's Netty transports: {@link dev.mp4j.transport.netty.NettyTransportProvider} ({@code "netty"}, Unix domain
 * sockets) and {@link dev.mp4j.transport.netty.NettyTcpTransportProvider} ({@code "netty-tcp"}, loopback TCP),
 * both registered for {@link java.util.ServiceLoader}. Everything else in the package is internal; the
 * transport's threads, addresses, wire format and limits are described on {@code NettyTransport} and
 * {@code NettyLink}.
 */
package dev.mp4j.transport.netty;
