/**
 * The GAO-Dev benchmark metrics model: annotated records from which the processor generates the
 * schema and one DAO per table.
 */
package dev.gao.metrics.example.model;
