/** Query execution: planning, output-mode checks, the micro-batch executor and the query thread. */
package dev.eddy.streaming.internal.exec;
