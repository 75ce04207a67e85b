/**
 * Encoding objects into message payloads and back ({@link dev.mp4j.core.codec.Codec}), and the departures an
 * encoding causes ({@link dev.mp4j.core.codec.Departures}). Uses nothing of core.
 */
package dev.mp4j.core.codec;
