/**
 * The {@link dev.neurona.names.Registry} of everything built from a name or a configuration
 * (layers, activations, losses, metrics, optimizers, schedules, initializers, regularizers,
 * constraints), built-in or a user's; name tables with aliases and helpful errors; and strict reading of configuration maps ({@link dev.neurona.names.ConfigKeys}), whose
 * errors name the key's path ({@link dev.neurona.names.ConfigException}). Depends on nothing.
 */
package dev.neurona.names;
