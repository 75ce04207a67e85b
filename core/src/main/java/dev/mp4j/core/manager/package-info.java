/**
 * Managers: a server that holds objects ({@link dev.mp4j.core.manager.ManagerServer}) and the proxies other
 * processes use them through. Each client thread has a socket connection of its own, served by a thread of its
 * own in the manager, as Python's managers do; a lock is owned by the manager thread that serves the client
 * thread that took it. Sockets come from {@code dev.mp4j.core.net}, whatever the context's transport.
 */
package dev.mp4j.core.manager;
