/** JavaPoet writers of the generated DAO and schema classes. */
package dev.gao.metrics.processor.writing;
