/**
 * Test support reused by every module's tests: gradient checks by central differences
 * ({@link dev.neurona.testkit.GradCheck}), the loader for the golden reference vectors in
 * {@code ../shared/golden} ({@link dev.neurona.testkit.Golden}, {@link dev.neurona.testkit.GoldenNode})
 * with README tolerances ({@link dev.neurona.testkit.Tolerance}), and one-line op tables
 * ({@link dev.neurona.testkit.OpTable}).
 * Depends on core, Jackson, JUnit and AssertJ; nothing in production code depends on it.
 * Its own test folder holds core's conformance suites, in core's packages.
 */
package dev.neurona.testkit;
