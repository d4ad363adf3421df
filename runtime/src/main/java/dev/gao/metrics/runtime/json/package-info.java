/** JSON columns: type tokens that keep generic arguments, and the Jackson-based codec. */
package dev.gao.metrics.runtime.json;
