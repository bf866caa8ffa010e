/** Nexmark queries written in SQL, run against the same queries built with the Java API (bench/sql/run.sh). */
package dev.eddy.bench.sql;
