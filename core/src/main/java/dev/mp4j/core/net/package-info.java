/**
 * Sockets at addresses the user names ({@code tcp://HOST:PORT}, {@code unix:/path}): framing, the mutual HMAC
 * challenge, and a server that hands authenticated channels to its owner. Managers, Listener and Client run
 * on it, whatever the context's transport.
 */
package dev.mp4j.core.net;
