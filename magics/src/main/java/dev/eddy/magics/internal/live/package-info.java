/** Live views: displays of running queries that keep updating from one thread under a global rate budget. */
package dev.eddy.magics.internal.live;
