/**
 * Name tables for the things Keras knows by name (losses, metrics), with aliases and helpful
 * errors; and strict reading of configuration maps ({@link dev.neurona.names.ConfigKeys}), whose
 * errors name the key's path ({@link dev.neurona.names.ConfigException}). Depends on nothing.
 */
package dev.neurona.names;
