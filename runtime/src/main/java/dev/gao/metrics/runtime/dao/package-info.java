/**
 * The base class of generated DAOs and the value conversions they use. Generated code calls {@link
 * dev.gao.metrics.runtime.dao.TableDao} and {@link dev.gao.metrics.runtime.dao.SqlValues};
 * applications call the generated DAOs.
 */
package dev.gao.metrics.runtime.dao;
