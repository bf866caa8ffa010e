/**
 * The {@code topic} source: reads an embedded topic by offset, per partition; replayable while retention keeps
 * the range. Optionally decodes values (json, csv, text) into declared columns with a {@code _corrupt_record}.
 */
package dev.eddy.streaming.internal.source.topic;
