/**
 * Test support reused by every module's tests: gradient checks by central differences,
 * the loader for the golden reference vectors in {@code ../shared/golden}, and op tables.
 * Depends on core and JUnit; nothing in production code depends on it.
 */
package dev.neurona.testkit;
