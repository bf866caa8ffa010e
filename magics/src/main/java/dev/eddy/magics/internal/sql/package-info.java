/** The {@code %%sql} cell magic and how it starts streaming queries. */
package dev.eddy.magics.internal.sql;
