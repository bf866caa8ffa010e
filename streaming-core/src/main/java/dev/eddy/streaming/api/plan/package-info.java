/**
 * The logical plan: immutable public nodes ({@link dev.eddy.streaming.api.plan.LogicalPlan}) built by the
 * Dataset API and by the SQL front end, compiled to operators by the physical planner.
 */
package dev.eddy.streaming.api.plan;
